import { setMaxListeners } from 'node:events';
import type { Logger } from '../contracts/context.js';

/**
 * The first Ctrl-C (or SIGTERM) aborts `signal`, which means "stop admitting": no new sample is taken
 * and no new attempt is made, but the requests in flight finish and their answers are written, so the
 * next run does not ask the server for them again (on a GPU server those are minutes of work). A
 * second one quits at once, dropping what is in flight. Either way every finished sample is on disk.
 */
export function interruptOnSignals(logger: Logger): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  // Every request in flight listens on this signal until its attempt ends (concurrency x endpoints
  // listeners, each removed again): many listeners are the design here, not a leak, so Node's
  // MaxListenersExceededWarning at 10 would only print into the progress lines.
  setMaxListeners(Infinity, controller.signal);
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    logger.warn('interrupted: waiting for the requests in flight to be answered and written; press Ctrl-C again to quit now');
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
