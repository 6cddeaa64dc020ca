import type { Clock } from '../../../core/services/clock.js';

/**
 * Real time for `now` (cooldowns, dates), but backoff sleeps return at once and are recorded: the
 * delays the scheduler asked for can be checked without waiting for them.
 */
export class InstantClock implements Clock {
  readonly sleeps: number[] = [];

  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  }
}
