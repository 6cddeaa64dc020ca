import { setMaxListeners } from 'node:events';
import type { Logger } from '../contracts/context.js';

/**
 * Ctrl-C (or SIGTERM) stops taking new samples and lets the command write what it has; a second one
 * quits at once. Either way every finished sample is already on disk.
 */
export function interruptOnSignals(logger: Logger): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  // Every request in flight listens on this signal until its attempt ends (concurrency x endpoints
  // listeners, each removed again): many listeners are the design here, not a leak, so Node's
  // MaxListenersExceededWarning at 10 would only print into the progress lines.
  setMaxListeners(Infinity, controller.signal);
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    logger.warn('interrupted: finishing what is written; press Ctrl-C again to quit now');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
