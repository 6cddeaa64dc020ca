import { describe, expect, it } from '@jest/globals';
import { Admission } from '../../core/scheduler/admission.js';
import { AdaptiveLimit } from '../../core/scheduler/adaptive-limit.js';
import { EndpointHealth } from '../../core/scheduler/endpoint-health.js';
import { EndpointPool } from '../../core/scheduler/endpoint-pool.js';
import { ManualClock } from './clocks.js';

describe('EndpointPool', () => {
  it('never grants more than the cap per endpoint and serves waiters in order', async () => {
    const pool = new EndpointPool(['a'], 2, new ManualClock());
    const first = await pool.acquire();
    const second = await pool.acquire();
    const order: number[] = [];
    const third = pool.acquire().then((l) => (order.push(3), l));
    const fourth = pool.acquire().then((l) => (order.push(4), l));
    expect(pool.inFlight).toBe(2);
    first.release({ kind: 'ok', latencyMs: 10 });
    first.release({ kind: 'ok', latencyMs: 10 }); // a second release of the same lease is ignored
    await third;
    expect(pool.inFlight).toBe(2);
    second.release({ kind: 'ok', latencyMs: 10 });
    await fourth;
    expect(order).toEqual([3, 4]);
    expect(pool.peak).toBe(2);
  });

  it('serves a waiting retry before first attempts that waited longer', async () => {
    const pool = new EndpointPool(['a'], 1, new ManualClock());
    const held = await pool.acquire();
    const order: string[] = [];
    const fresh = [1, 2].map((n) => pool.acquire().then((l) => (order.push(`fresh ${n}`), l)));
    const retry = pool.acquire(undefined, true).then((l) => (order.push('retry'), l));
    held.release({ kind: 'failed' });
    (await retry).release({ kind: 'ok', latencyMs: 5 });
    (await fresh[0]!).release({ kind: 'ok', latencyMs: 5 });
    await fresh[1];
    expect(order).toEqual(['retry', 'fresh 1', 'fresh 2']);
  });

  it('grants the endpoint with the fewest requests in flight', async () => {
    const pool = new EndpointPool(['a', 'b', 'c'], 2, new ManualClock());
    const leases = await Promise.all([1, 2, 3, 4, 5, 6].map(() => pool.acquire()));
    expect(leases.map((l) => l.endpoint).sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    leases.filter((l) => l.endpoint === 'b').forEach((l) => l.release({ kind: 'ok', latencyMs: 1 }));
    expect((await pool.acquire()).endpoint).toBe('b');
  });

  it('takes a failing endpoint out, sends one probe after the cooldown, and puts it back when the probe succeeds', async () => {
    const clock = new ManualClock(0);
    const pool = new EndpointPool(['a', 'b'], 4, clock);
    for (let i = 0; i < 3; i++) {
      const lease = await pool.acquire();
      if (lease.endpoint === 'a') lease.release({ kind: 'failed' });
      else {
        lease.release({ kind: 'ok', latencyMs: 1 });
        i--;
      }
    }
    expect(pool.stats().find((s) => s.url === 'a')?.down).toBe(true);
    const whileDown = await Promise.all([1, 2, 3, 4].map(() => pool.acquire()));
    expect(whileDown.map((l) => l.endpoint)).toEqual(['b', 'b', 'b', 'b']);
    whileDown.forEach((l) => l.release({ kind: 'ok', latencyMs: 1 }));
    clock.time = 1_000;
    const probe = await pool.acquire();
    expect(probe.endpoint).toBe('a');
    const next = await pool.acquire();
    expect(next.endpoint).toBe('b'); // only one probe at a time
    probe.release({ kind: 'ok', latencyMs: 1 });
    next.release({ kind: 'ok', latencyMs: 1 });
    expect(pool.stats().find((s) => s.url === 'a')?.down).toBe(false);
  });

  it('wakes waiters when the only endpoint comes out of its cooldown', async () => {
    const clock = new ManualClock(Date.now());
    const pool = new EndpointPool(['a'], 1, clock);
    for (let i = 0; i < 3; i++) (await pool.acquire()).release({ kind: 'failed' });
    const waiting = pool.acquire();
    clock.time += 1_000;
    expect((await waiting).endpoint).toBe('a');
  });

  it('rejects a waiter whose signal is aborted', async () => {
    const pool = new EndpointPool([undefined], 1, new ManualClock());
    await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});

describe('AdaptiveLimit', () => {
  it('cuts the limit once per window of refusals and grows back by one per round of successes', () => {
    const limit = new AdaptiveLimit(16);
    const burst = [limit.onSend(), limit.onSend()];
    limit.onThrottled(burst[0]!);
    limit.onThrottled(burst[1]!); // sent before the cut: the same burst, counted once
    expect(limit.limit).toBe(11);
    limit.onThrottled(limit.onSend());
    expect(limit.limit).toBe(7);
    const rounds = (n: number) => {
      for (let i = 0; i < n; i++) limit.onSuccess(50, limit.onSend());
    };
    rounds(1);
    expect(limit.limit).toBe(7); // 7.84 + 1/7.84 is not yet 8
    rounds(7);
    expect(limit.limit).toBe(8); // a round of successes adds one
    rounds(2_000);
    expect(limit.limit).toBe(16);
  });

  it('probes back towards the concurrency the server refused ten times slower', () => {
    const limit = new AdaptiveLimit(8);
    limit.onThrottled(limit.onSend()); // refused at 8: 5.6
    const successesTo = (target: number) => {
      let n = 0;
      while (limit.limit < target) (limit.onSuccess(50, limit.onSend()), n++);
      return n;
    };
    const free = successesTo(7); // below the refused level: one per round
    const probing = successesTo(8); // up to it: ten times slower
    expect(free).toBeLessThan(15);
    expect(probing).toBeGreaterThan(5 * free);
  });

  it('treats latency far above the best seen as congestion', () => {
    const limit = new AdaptiveLimit(10);
    limit.onSuccess(100, limit.onSend());
    limit.onSuccess(5_000, limit.onSend());
    expect(limit.limit).toBe(7);
  });

  it('never goes below one', () => {
    const limit = new AdaptiveLimit(2);
    for (let t = 0; t < 10; t++) limit.onThrottled(limit.onSend());
    expect(limit.limit).toBe(1);
  });
});

describe('EndpointHealth', () => {
  it('doubles the cooldown when a probe fails', () => {
    const health = new EndpointHealth({ threshold: 2, baseCooldownMs: 100, maxCooldownMs: 350 });
    health.onFailure(0);
    expect(health.down).toBe(false);
    health.onFailure(0);
    expect(health.downUntil).toBe(100);
    expect(health.admits(50)).toBe(false);
    expect(health.admits(100)).toBe(true);
    health.onSend();
    expect(health.admits(100)).toBe(false);
    health.onFailure(100);
    expect(health.downUntil).toBe(300);
    health.onSend();
    health.onFailure(300);
    expect(health.downUntil).toBe(650); // capped at 350
    health.onSuccess();
    expect(health.down).toBe(false);
  });
});

describe('Admission', () => {
  it('bounds the items in progress and hands places on in order', async () => {
    const admission = new Admission(2);
    const a = await admission.acquire();
    await admission.acquire();
    let granted = false;
    const third = admission.acquire().then((release) => ((granted = true), release));
    await Promise.resolve();
    expect(granted).toBe(false);
    a();
    await third;
    expect(admission.held).toBe(2);
    expect(admission.peak).toBe(2);
  });
});
