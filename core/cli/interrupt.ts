import { setMaxListeners } from 'node:events';
import type { Logger } from '../contracts/context.js';

/**
 * Ctrl-C (or SIGTERM) stops taking new samples and lets the command write what it has; a second one
 * quits at once. Either way every finished sample is already on disk.
 */
export function interruptOnSignals(logger: Logger): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  // Every request in flight and every sample waiting for a slot listens to it: hundreds at a time are
  // expected, not a leak (Node warns past 10).
  setMaxListeners(0, controller.signal);
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
