import { describe, expect, it } from '@jest/globals';
import { ModelError } from '../../core/contracts/model.js';
import { EndpointPool } from '../../core/scheduler/endpoint-pool.js';
import { AttemptsExhausted, Interrupted, runWithRetries } from '../../core/scheduler/request-runner.js';
import { isRetryable, parseRetryAfter, retryDelayMs } from '../../core/scheduler/retry-policy.js';
import type { Clock } from '../../core/services/clock.js';

/** A clock whose sleeps return at once and are remembered. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
}

describe('EndpointPool', () => {
  it('never grants more than the limit and serves waiters in order', async () => {
    const pool = new EndpointPool(['a'], 2);
    const first = await pool.acquire();
    const second = await pool.acquire();
    const order: number[] = [];
    const third = pool.acquire().then((l) => (order.push(3), l));
    const fourth = pool.acquire().then((l) => (order.push(4), l));
    expect(pool.inFlight).toBe(2);
    first.release();
    first.release(); // a second release of the same lease is ignored
    await third;
    expect(pool.inFlight).toBe(2);
    second.release();
    await fourth;
    expect(order).toEqual([3, 4]);
    expect(pool.peak).toBe(2);
  });

  it('grants the endpoint with the fewest requests in flight', async () => {
    const pool = new EndpointPool(['a', 'b', 'c'], 6);
    const leases = await Promise.all([1, 2, 3, 4, 5, 6].map(() => pool.acquire()));
    expect(leases.map((l) => l.endpoint).sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    leases.filter((l) => l.endpoint === 'b').forEach((l) => l.release());
    expect((await pool.acquire()).endpoint).toBe('b');
  });

  it('rejects a waiter whose signal is aborted', async () => {
    const pool = new EndpointPool([undefined], 1);
    await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});

describe('retry policy', () => {
  it.each([
    [new ModelError('x', { kind: 'network' }), true],
    [new ModelError('x', { kind: 'timeout' }), true],
    [new ModelError('x', { kind: 'malformed' }), true],
    [new ModelError('x', { kind: 'http', status: 408 }), true],
    [new ModelError('x', { kind: 'http', status: 429 }), true],
    [new ModelError('x', { kind: 'http', status: 503 }), true],
    [new ModelError('x', { kind: 'http', status: 400 }), false],
    [new ModelError('x', { kind: 'http', status: 404 }), false],
    [new Error('plugin bug'), false],
  ])('%s retryable: %s', (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });

  it('uses full jitter under an exponential ceiling', () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    const error = new ModelError('x', { kind: 'network' });
    expect(retryDelayMs(error, 0, policy, () => 0.5)).toBe(50);
    expect(retryDelayMs(error, 3, policy, () => 0.5)).toBe(400);
    expect(retryDelayMs(error, 10, policy, () => 0.999)).toBeLessThan(1000);
  });

  it('waits at least as long as Retry-After asks', () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    const error = new ModelError('x', { kind: 'http', status: 429, retryAfterMs: 2000 });
    expect(retryDelayMs(error, 0, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(error, 0, policy, () => 0.99)).toBeGreaterThanOrEqual(2000);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});

describe('runWithRetries', () => {
  const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 };
  const stop = new AbortController().signal;

  it('retries transient failures and reports the attempts', async () => {
    const clock = recordingClock();
    let calls = 0;
    const outcome = await runWithRetries(
      async () => {
        if (++calls < 3) throw new ModelError('busy', { kind: 'http', status: 503 });
        return 'ok';
      },
      { policy, timeoutMs: 1000, clock, random: () => 1, stop },
    );
    expect(outcome).toEqual({ value: 'ok', attempts: 3 });
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('gives up after the allowed retries', async () => {
    const clock = recordingClock();
    const run = runWithRetries(async () => Promise.reject(new ModelError('down', { kind: 'network' })), { policy, timeoutMs: 1000, clock, random: () => 0, stop });
    await expect(run).rejects.toMatchObject({ name: 'AttemptsExhausted', attempts: 4 });
  });

  it('does not retry a 400', async () => {
    let calls = 0;
    const run = runWithRetries(
      async () => {
        calls++;
        throw new ModelError('bad', { kind: 'http', status: 400 });
      },
      { policy, timeoutMs: 1000, clock: recordingClock(), random: () => 0, stop },
    );
    await expect(run).rejects.toBeInstanceOf(AttemptsExhausted);
    expect(calls).toBe(1);
  });

  it('turns a call that outlives the timeout into a retried timeout', async () => {
    let calls = 0;
    const run = runWithRetries(
      (signal) =>
        new Promise<string>((resolve, reject) => {
          calls++;
          signal.addEventListener('abort', () => reject(new Error('aborted by client')));
        }),
      { policy: { ...policy, retries: 1 }, timeoutMs: 30, clock: recordingClock(), random: () => 0, stop },
    );
    await expect(run).rejects.toMatchObject({ attempts: 2, last: expect.objectContaining({ kind: 'timeout' }) });
    expect(calls).toBe(2);
  });

  it('stops without recording when the run is interrupted', async () => {
    const controller = new AbortController();
    const run = runWithRetries(
      (signal) =>
        new Promise<string>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason));
          controller.abort();
        }),
      { policy, timeoutMs: 1000, clock: recordingClock(), random: () => 0, stop: controller.signal },
    );
    await expect(run).rejects.toBeInstanceOf(Interrupted);
  });
});
