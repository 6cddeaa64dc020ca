import { describe, expect, it } from '@jest/globals';
import { ModelError } from '../../core/contracts/model.js';
import { EndpointPool } from '../../core/scheduler/endpoint-pool.js';
import { AttemptsExhausted, endpointOutcome, Interrupted, Overload, runWithRetries } from '../../core/scheduler/request-runner.js';
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
    [new ModelError('x', { kind: 'http', status: 503, retryAfterMs: 1000 }), true, 'throttled'],
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
  const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000, backPressureMs: 10_000 };
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

  it('after an interrupt, lets the attempt in flight finish and keeps its answer', async () => {
    const { options, pool } = setup();
    const controller = new AbortController();
    const outcome = await runWithRetries(
      async () => {
        controller.abort();
        return 'answered';
      },
      { ...options, stop: controller.signal },
    );
    expect(outcome.value).toBe('answered');
    expect(pool.inFlight).toBe(0);
  });

  it('after an interrupt, starts no new attempt: a failure to retry is left for the next run', async () => {
    const { options, pool } = setup();
    const controller = new AbortController();
    let calls = 0;
    const run = runWithRetries(
      async () => {
        calls++;
        controller.abort();
        throw new ModelError('busy', { kind: 'http', status: 503 });
      },
      { ...options, stop: controller.signal },
    );
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(calls).toBe(1);
    expect(pool.inFlight).toBe(0);
  });

  it('waits out back-pressure without using the retries, and lowers the endpoint limit', async () => {
    const clock = new ManualClock();
    const pool = new EndpointPool(['a'], 4, clock);
    let calls = 0;
    const outcome = await runWithRetries(
      async () => {
        if (++calls <= 6) throw new ModelError('busy', { kind: 'http', status: calls % 2 ? 429 : 503, retryAfterMs: 1000 });
        return 'ok';
      },
      { policy: { ...policy, retries: 0 }, timeoutMs: 1000, clock, random: () => 0, stop, acquire: (s) => pool.acquire(s) },
    );
    expect(outcome).toMatchObject({ value: 'ok', attempts: 7 });
    expect(clock.sleeps).toEqual(Array(6).fill(1000));
    expect(pool.stats()[0]!.limit).toBeLessThan(4);
  });

  it('gives up once the back-pressure budget is spent, and the requests sharing the server give up at their next refusal', async () => {
    const { options } = setup(['a']);
    const overload = new Overload();
    const refuse = async () => Promise.reject(new ModelError('HTTP 429', { kind: 'http', status: 429, retryAfterMs: 3000 }));
    const first = runWithRetries(refuse, { ...options, overload });
    await expect(first).rejects.toMatchObject({ attempts: 4, message: expect.stringMatching(/HTTP 429 \(still refused after 9 s of back-pressure waits\)/) });
    const second = runWithRetries(refuse, { ...options, overload });
    await expect(second).rejects.toMatchObject({ attempts: 1 });
  });
});
