import { describe, expect, it } from '@jest/globals';
import { ModelError } from '../../core/contracts/model.js';
import { EndpointPool } from '../../core/scheduler/endpoint-pool.js';
import { AttemptsExhausted, endpointOutcome, Interrupted, runWithRetries } from '../../core/scheduler/request-runner.js';
import { backoffDelayMs, isRetryable, parseRetryAfter, retryDelayMs } from '../../core/scheduler/retry-policy.js';
import { ManualClock } from './clocks.js';

describe('retry policy', () => {
  it.each([
    [new ModelError('x', { kind: 'network' }), true, 'failed'],
    [new ModelError('x', { kind: 'timeout' }), true, 'failed'],
    [new ModelError('x', { kind: 'malformed' }), true, 'failed'],
    [new ModelError('x', { kind: 'http', status: 408 }), true, 'failed'],
    [new ModelError('x', { kind: 'http', status: 429 }), true, 'throttled'],
    [new ModelError('x', { kind: 'http', status: 503 }), true, 'failed'],
    [new ModelError('x', { kind: 'http', status: 400 }), false, 'rejected'],
    [new ModelError('x', { kind: 'http', status: 404 }), false, 'rejected'],
    [new Error('plugin bug'), false, 'rejected'],
    [new Interrupted(), false, 'cancelled'],
  ])('%s: retryable %s, endpoint outcome %s', (error, retryable, outcome) => {
    expect(isRetryable(error)).toBe(retryable);
    expect(endpointOutcome(error).kind).toBe(outcome);
  });

  it('uses full jitter under an exponential ceiling', () => {
    const backoff = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(0, backoff, () => 0.5)).toBe(50);
    expect(backoffDelayMs(3, backoff, () => 0.5)).toBe(400);
    expect(backoffDelayMs(10, backoff, () => 0.999)).toBeLessThan(1000);
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
  const setup = (endpoints = ['a', 'b']) => {
    const clock = new ManualClock();
    const pool = new EndpointPool(endpoints, 1, clock);
    return { clock, pool, options: { policy, timeoutMs: 1000, clock, random: () => 1, stop, acquire: (s: AbortSignal) => pool.acquire(s) } };
  };

  it('retries transient failures, each attempt on a slot of its own, and reports the attempts', async () => {
    const { clock, pool, options } = setup();
    const used: (string | undefined)[] = [];
    const outcome = await runWithRetries(async (endpoint) => {
      used.push(endpoint);
      expect(pool.inFlight).toBe(1);
      if (used.length < 3) throw new ModelError('busy', { kind: 'http', status: 503 });
      return 'ok';
    }, options);
    expect(outcome).toEqual({ value: 'ok', attempts: 3, latencyMs: expect.any(Number) });
    expect(clock.sleeps).toEqual([100, 200]);
    expect(used).toEqual(['a', 'b', 'a']); // a retry may go to another endpoint
    expect(pool.inFlight).toBe(0);
  });

  it('gives up after the allowed retries', async () => {
    const { options } = setup();
    const run = runWithRetries(async () => Promise.reject(new ModelError('down', { kind: 'network' })), options);
    await expect(run).rejects.toMatchObject({ name: 'AttemptsExhausted', attempts: 4 });
  });

  it('does not retry a 400', async () => {
    const { options } = setup();
    let calls = 0;
    const run = runWithRetries(async () => {
      calls++;
      throw new ModelError('bad', { kind: 'http', status: 400 });
    }, options);
    await expect(run).rejects.toBeInstanceOf(AttemptsExhausted);
    expect(calls).toBe(1);
  });

  it('turns a call that outlives the timeout into a retried timeout', async () => {
    const { options } = setup();
    let calls = 0;
    const run = runWithRetries(
      (_endpoint, signal) =>
        new Promise<string>((_resolve, reject) => {
          calls++;
          signal.addEventListener('abort', () => reject(new Error('aborted by client')));
        }),
      { ...options, policy: { ...policy, retries: 1 }, timeoutMs: 30 },
    );
    await expect(run).rejects.toMatchObject({ attempts: 2, last: expect.objectContaining({ kind: 'timeout' }) });
    expect(calls).toBe(2);
  });

  it('stops without recording when the run is interrupted', async () => {
    const { options, pool } = setup();
    const controller = new AbortController();
    const run = runWithRetries(
      (_endpoint, signal) =>
        new Promise<string>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason));
          controller.abort();
        }),
      { ...options, stop: controller.signal },
    );
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(pool.inFlight).toBe(0);
  });
});
