import type { Clock } from '../../core/services/clock.js';

/** A clock the test moves by hand; sleeps return at once and are remembered. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = 0) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }
}
