import { ModelError } from '../contracts/model.js';
import type { Clock } from '../services/clock.js';
import { isRetryable, retryDelayMs, type RetryPolicy } from './retry-policy.js';

export interface AttemptOutcome<T> {
  readonly value: T;
  readonly attempts: number;
}

/** Raised when the run is being interrupted: the sample is left for the next run, not recorded. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** A failure after every allowed attempt, with how many were made. */
export class AttemptsExhausted extends Error {
  constructor(
    readonly last: unknown,
    readonly attempts: number,
  ) {
    super(last instanceof Error ? last.message : String(last), { cause: last });
    this.name = 'AttemptsExhausted';
  }
}

/**
 * Runs one call with a per-attempt timeout and the retry policy. The call receives a signal that is
 * aborted on timeout or when `stop` fires; timeouts become ModelError('timeout') and are retried.
 */
export async function runWithRetries<T>(
  call: (signal: AbortSignal) => Promise<T>,
  options: { policy: RetryPolicy; timeoutMs: number; clock: Clock; random: () => number; stop: AbortSignal },
): Promise<AttemptOutcome<T>> {
  const { policy, timeoutMs, clock, random, stop } = options;
  for (let attempt = 0; ; attempt++) {
    if (stop.aborted) throw new Interrupted();
    const controller = new AbortController();
    const onStop = () => controller.abort(new Interrupted());
    stop.addEventListener('abort', onStop, { once: true });
    const timer = setTimeout(
      () => controller.abort(new ModelError(`no answer within ${timeoutMs} ms`, { kind: 'timeout' })),
      timeoutMs,
    );
    try {
      return { value: await call(controller.signal), attempts: attempt + 1 };
    } catch (thrown) {
      if (stop.aborted) throw new Interrupted();
      // An aborted request surfaces as the HTTP client's own abort error; the reason says why.
      const error = controller.signal.aborted ? controller.signal.reason : thrown;
      if (!isRetryable(error) || attempt >= policy.retries) throw new AttemptsExhausted(error, attempt + 1);
      try {
        await clock.sleep(retryDelayMs(error, attempt, policy, random), stop);
      } catch {
        throw new Interrupted();
      }
    } finally {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
    }
  }
}
