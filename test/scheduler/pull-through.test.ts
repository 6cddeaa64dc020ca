import { describe, expect, it } from '@jest/globals';
import { lastValueFrom, toArray } from 'rxjs';
import { pullThrough } from '../../core/pipeline/pull-through.js';
import { ADMITTED_PER_SLOT, Scheduler } from '../../core/scheduler/scheduler.js';
import { ManualClock } from './clocks.js';

/** Lets every pending promise continuation run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('pullThrough with a model\'s slots', () => {
  it('prepares one sample behind each endpoint slot and pulls no further until one finishes', async () => {
    const slots = new Scheduler(new ManualClock()).slots(['a', 'b'], 3);
    expect(slots.admission.capacity).toBe(6 * ADMITTED_PER_SLOT);
    let pulled = 0;
    async function* endless() {
      for (;;) yield ++pulled;
    }
    const finish: Array<() => void> = [];
    const stop = new AbortController();
    const results: number[] = [];
    const subscription = pullThrough(endless(), slots.admission, stop.signal, (item) => new Promise<number>((resolve) => finish.push(() => resolve(item)))).subscribe(
      (item) => results.push(item),
    );
    await settle();
    expect(pulled).toBe(12);
    finish.shift()!();
    await settle();
    expect(results).toEqual([1]);
    expect(pulled).toBe(13);
    expect(slots.admission.peak).toBe(12);
    subscription.unsubscribe();
  });

  it('completes once the items run out and every started one has finished', async () => {
    const slots = new Scheduler(new ManualClock()).slots(['a'], 1);
    async function* three() {
      yield* [1, 2, 3];
    }
    const results = await lastValueFrom(pullThrough(three(), slots.admission, new AbortController().signal, async (n) => n * 10).pipe(toArray()));
    expect(results.sort()).toEqual([10, 20, 30]);
    expect(slots.admission.held).toBe(0);
  });
});
