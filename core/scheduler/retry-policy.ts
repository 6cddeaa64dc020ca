import { ModelError } from '../contracts/model.js';

/** Exponential backoff: the ceiling starts at `baseDelayMs` and doubles per retry up to `maxDelayMs`. */
export interface Backoff {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface RetryPolicy extends Backoff {
  /** Retries after the first attempt. */
  readonly retries: number;
}

/** The policy of a model request, where back-pressure does not count as a failure. */
export interface RequestPolicy extends RetryPolicy {
  /** Most time one request waits in total on a server that says it is busy, before it is recorded as failed. */
  readonly backPressureMs: number;
}

export const DEFAULT_BACKOFF = { baseDelayMs: 500, maxDelayMs: 30_000 } as const;

/** The back-pressure budget of one request: ten minutes of a server saying it is busy. */
export const DEFAULT_BACK_PRESSURE_MS = 600_000;

/** Statuses a later attempt may get past: timeouts, rate limits, server trouble (any HTTP client of ours). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Transient failures are worth another attempt: the network, timeouts, a body that did not parse,
 * 408, 429 and 5xx. Any other 4xx is the request's own fault and would fail again.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ModelError)) return false;
  if (error.kind !== 'http') return true;
  return isRetryableStatus(error.status ?? 0);
}

/**
 * Back-pressure: the server is alive but asks for fewer requests (429, or 503 with a Retry-After).
 * Such an answer is no fault of the request or the server: it is waited out, the endpoint's
 * concurrency is lowered, and it does not use up the retries meant for failures.
 */
export function isBackPressure(error: unknown): error is ModelError {
  if (!(error instanceof ModelError) || error.kind !== 'http') return false;
  return error.status === 429 || (error.status === 503 && error.retryAfterMs !== undefined);
}

/**
 * Delay before retry number `attempt` (0-based): exponential backoff with full jitter (clients that
 * failed together do not retry together), or the server's Retry-After when it gave one, never earlier
 * than it asked. Every retry loop of the project (model servers, the Hub, the YouTube API) uses this.
 */
export function backoffDelayMs(attempt: number, backoff: Backoff, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** attempt);
  const jitter = random() * ceiling;
  return retryAfterMs === undefined ? jitter : retryAfterMs + jitter * 0.1;
}

/** The delay after a model call failed with `error`. */
export function retryDelayMs(error: unknown, attempt: number, policy: RetryPolicy, random: () => number): number {
  return backoffDelayMs(attempt, policy, random, error instanceof ModelError ? error.retryAfterMs : undefined);
}

/** Parses a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
