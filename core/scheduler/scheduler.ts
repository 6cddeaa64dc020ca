import type { Clock } from '../services/clock.js';
import { EndpointPool } from './endpoint-pool.js';
import { runWithRetries, type AttemptOutcome } from './request-runner.js';
import { DEFAULT_BACKOFF } from './retry-policy.js';

/**
 * Concurrency and retries, in one place: the pools that limit each model's requests and the attempt
 * loop (timeout, backoff with jitter, Retry-After) every request goes through.
 */
export class Scheduler {
  constructor(
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {}

  /** The slots of one model: `limit` requests at once, spread over its endpoints. */
  pool(endpoints: readonly (string | undefined)[], limit: number): EndpointPool {
    return new EndpointPool(endpoints, limit);
  }

  attempt<T>(call: (signal: AbortSignal) => Promise<T>, limits: { retries: number; timeoutMs: number }, stop: AbortSignal): Promise<AttemptOutcome<T>> {
    return runWithRetries(call, {
      policy: { retries: limits.retries, ...DEFAULT_BACKOFF },
      timeoutMs: limits.timeoutMs,
      clock: this.clock,
      random: this.random,
      stop,
    });
  }
}
