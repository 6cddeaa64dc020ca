import type { Got } from 'got';
import type { GetWithRetries, RetriedAnswer } from '../contracts/context.js';
import { isRetryableStatus } from '../scheduler/retry-policy.js';
import type { Clock } from './clock.js';

/**
 * GETs with retries for plugins: network errors, timeouts, 408, 429 and 5xx are tried again after the
 * caller's delay, waited on the given clock (tests move it by hand). Any other status is the answer.
 */
export function createGetWithRetries(http: Got, clock: Clock, runSignal: AbortSignal): GetWithRetries {
  return async (url, options) => {
    const signal = options.signal ?? runSignal;
    let last: RetriedAnswer | undefined;
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
      // A rejected wait (the signal aborted) ends the loop with the signal's reason.
      if (attempt > 1) await clock.sleep(options.delayMs(attempt - 2), signal);
      try {
        // The signal stops the waits only: a download in flight finishes (its timeout bounds it).
        const res = await http.get(url, { responseType: 'buffer', timeout: { request: options.timeoutMs }, throwHttpErrors: false });
        last = { status: res.statusCode, body: res.body, attempts: attempt, retryable: isRetryableStatus(res.statusCode) };
        if (!last.retryable) return last;
      } catch (err) {
        last = { error: (err as Error).message, attempts: attempt, retryable: true };
      }
    }
    return last!;
  };
}
