import type { Clock } from '../services/clock.js';
import { Admission } from './admission.js';
import { EndpointPool } from './endpoint-pool.js';
import { Overload, runWithRetries, type AttemptOutcome } from './request-runner.js';
import { DEFAULT_BACK_PRESSURE_MS, DEFAULT_BACKOFF } from './retry-policy.js';

/**
 * Samples admitted per endpoint slot. The extra samples are prepared (prompt built, images read and
 * budgeted) while every slot is busy, so a slot that frees is handed a ready request at once instead
 * of waiting for the next sample to be read: the server never idles on the client's preparation.
 */
export const ADMITTED_PER_SLOT = 2;

/** The concurrency of one model: how many samples may be in progress, and the endpoints' slots. */
export interface ModelSlots {
  readonly admission: Admission;
  readonly pool: EndpointPool;
}

/**
 * Concurrency and retries, in one place: the slots that limit each model's requests and the attempt
 * loop (timeout, backoff with jitter, Retry-After, back-pressure waited out within a budget, a retry
 * free to use another endpoint) every request goes through.
 */
export class Scheduler {
  readonly #overloads = new WeakMap<EndpointPool, Overload>();

  constructor(
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * `capPerEndpoint` requests at once on each endpoint; ADMITTED_PER_SLOT samples in progress per slot;
   * the pool gives up once every endpoint has been down for `downAfterMs`.
   */
  slots(endpoints: readonly (string | undefined)[], capPerEndpoint: number, downAfterMs?: number): ModelSlots {
    const pool = new EndpointPool(endpoints, capPerEndpoint, this.clock, downAfterMs);
    return { pool, admission: new Admission(pool.capacity * ADMITTED_PER_SLOT) };
  }

  attempt<T>(
    pool: EndpointPool,
    call: (endpoint: string | undefined, signal: AbortSignal) => Promise<T>,
    limits: { retries: number; timeoutMs: number },
    stop: AbortSignal,
  ): Promise<AttemptOutcome<T>> {
    let overload = this.#overloads.get(pool);
    if (!overload) this.#overloads.set(pool, (overload = new Overload()));
    return runWithRetries(call, {
      policy: { retries: limits.retries, backPressureMs: DEFAULT_BACK_PRESSURE_MS, ...DEFAULT_BACKOFF },
      overload,
      timeoutMs: limits.timeoutMs,
      clock: this.clock,
      random: this.random,
      stop,
      acquire: (signal, retry) => pool.acquire(signal, retry),
    });
  }
}
