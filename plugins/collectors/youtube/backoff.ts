import { backoffDelayMs, type Backoff } from 'mmsoc-bench';

/**
 * The collector's wait before retry number `retry` (0-based): drawn from the upper half of a window that
 * starts at `baseDelayMs` and doubles up to `maxDelayMs`, or the server's Retry-After when that is longer.
 * Not the model scheduler's full jitter: one client sends one call at a time, so there is no crowd to spread
 * out, and every retry is billed quota, so a retry sent at once after a rate limit would be money thrown away.
 */
export function collectorBackoffMs(retry: number, backoff: Backoff, random: () => number, retryAfterMs?: number): number {
  const upperHalf = backoffDelayMs(retry, backoff, () => 0.5 + random() / 2);
  return Math.max(upperHalf, retryAfterMs ?? 0);
}

/** The collector's windows: the first from 1 s, doubling up to a minute. */
export const COLLECTOR_BACKOFF: Backoff = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
