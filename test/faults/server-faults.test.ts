import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { imageShas } from '../fixtures/datasets.js';
import type { Fault, FakeServerOptions } from '../fixtures/openai-server.js';
import { faultRun, type FaultRun } from './lib/fault-run.js';
import { memeProject, type MemeProject, type ModelOptions } from './lib/project.js';
import { expectSameAsReference, referenceRun, type Reference } from './lib/reference.js';
import { latestRecords, onlyRun } from './lib/run-folder.js';
import { repeated, requestedIds } from './lib/requests.js';

/**
 * Faults of the model server, injected per request by the loopback server; `bench run` in-process.
 * Backoff sleeps are recorded by an instant clock (their lengths are checked, not waited for).
 */
const SAMPLES = 8;
let project: MemeProject;
let reference: Reference;
let current: FaultRun | undefined;

beforeAll(async () => {
  project = await memeProject('faults-server', SAMPLES);
  reference = await referenceRun(project);
});
afterEach(async () => {
  await current?.server.close();
  current = undefined;
});

async function start(server: FakeServerOptions, model: ModelOptions = {}): Promise<FaultRun> {
  current = await faultRun(project, server, model);
  return current;
}

/** Every sample answered once, after `attempts` attempts each, with the reference's results. */
function expectRecovered(run: FaultRun, attempts: number): void {
  const runDir = onlyRun(run.out);
  const records = [...latestRecords(runDir).values()];
  expect(records).toHaveLength(SAMPLES);
  expect(records.filter((r) => r.error !== null)).toEqual([]);
  expect(records.map((r) => r.attempts)).toEqual(Array(SAMPLES).fill(attempts));
  const keys = new Set(run.server.requests.map((r) => r.key));
  expect(keys.size).toBe(SAMPLES);
  expect([...keys].map((key) => run.server.answeredCount(key))).toEqual(Array(SAMPLES).fill(1));
  expectSameAsReference(runDir, reference);
}

describe('429 storms', () => {
  const storm = (retryAfter?: string) => (r: { attempt: number }): Fault | undefined =>
    r.attempt < 3 ? { kind: 'status', status: 429, ...(retryAfter !== undefined ? { retryAfter } : {}) } : undefined;

  it('with Retry-After: every throttled request is retried no sooner than asked, and every sample is answered once', async () => {
    const run = await start({ fault: storm('2') });
    const result = await run.run();
    expect(result.code).toBe(0);
    expectRecovered(run, 4);
    expect(run.clock.sleeps).toHaveLength(3 * SAMPLES);
    // Retry-After plus at most a tenth of the backoff ceiling (2 s at the third retry) of jitter.
    for (const ms of run.clock.sleeps) expect(ms).toBeGreaterThanOrEqual(2000);
    for (const ms of run.clock.sleeps) expect(ms).toBeLessThanOrEqual(2200);
  });

  it('without Retry-After: exponential backoff with full jitter, and every sample is answered once', async () => {
    const run = await start({ fault: storm() });
    const result = await run.run();
    expect(result.code).toBe(0);
    expectRecovered(run, 4);
    expect(run.clock.sleeps).toHaveLength(3 * SAMPLES);
    // Ceilings 500, 1000, 2000 ms for the three retries; full jitter spreads the waits below them.
    for (const ms of run.clock.sleeps) expect(ms).toBeLessThan(2000);
    expect(new Set(run.clock.sleeps).size).toBeGreaterThan(1);
  });

  it('that never ends: back-pressure is waited out within its budget, then samples are recorded as failed (exit 1) and the next run redoes only them', async () => {
    let throttling = true;
    const run = await start({ fault: () => (throttling ? { kind: 'status', status: 429 } : undefined) }, { retries: 2 });
    const first = await run.run();
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(new RegExp(`${SAMPLES} sample\\(s\\) failed after retries`));
    const failed = [...latestRecords(onlyRun(run.out)).values()];
    expect(failed.map((r) => r.error?.match(/HTTP 429.*\(still refused after \d+ s of back-pressure waits\)/) !== null)).toEqual(Array(SAMPLES).fill(true));
    // 429 did not use the 2 retries: the first sample to give up waited its whole budget (600 s asked
    // for), and the others gave up at their next refusal instead of waiting a budget each.
    expect(Math.max(...failed.map((r) => r.attempts ?? 0))).toBeGreaterThan(3);
    expect(run.clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(SAMPLES * 600_000);

    throttling = false;
    const before = run.server.requests.length;
    const second = await run.run();
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/resuming run/);
    const asked = requestedIds(run.server, project, before);
    expect(asked).toHaveLength(SAMPLES);
    expect(repeated(asked)).toEqual([]);
    expectSameAsReference(onlyRun(run.out), reference);
  });
});

describe('a server that admits 2 requests at once (429 + Retry-After above that), concurrency 8, 200 samples', () => {
  const MANY = 200;
  let many: MemeProject;
  beforeAll(async () => {
    many = await memeProject('faults-overload', MANY);
  });
  afterEach(async () => {
    await overloaded?.server.close();
  });
  let overloaded: FaultRun | undefined;

  it('ends with 0 failed samples, each answered once, and the concurrency settles at or below 2', async () => {
    overloaded = await faultRun(many, { latencyMs: 5, admit: { limit: 2, retryAfter: '1' } }, { concurrency: 8 });
    const result = await overloaded.run();
    const records = [...latestRecords(onlyRun(overloaded.out)).values()];
    const requests = overloaded.server.requests;
    const answered = requests.filter((r) => r.outcome === 'answered');
    const refused = requests.filter((r) => r.outcome === 'refused');
    // Figures for docs/reliability.md.
    console.log(`overload: ${records.filter((r) => r.error !== null).length} failed, ${answered.length} answered, ${refused.length} refused, most attempts ${Math.max(...records.map((r) => r.attempts ?? 0))}`);
    expect(result.code).toBe(0);
    expect(records).toHaveLength(MANY);
    expect(records.filter((r) => r.error !== null)).toEqual([]);
    expect(answered).toHaveLength(MANY);
    expect(new Set(answered.map((r) => r.key)).size).toBe(MANY);
    // The client's limit comes down from 8 and stays at the server's 2: after the first burst, a
    // request rarely arrives to find 2 in flight already. The slow probe for a third slot costs about
    // one refusal per 20 answers (8 of ~200 measured); the old AIMD hovered above 2 (384 refusals).
    const afterBurst = requests.slice(20);
    expect(afterBurst.filter((r) => r.outcome === 'refused').length).toBeLessThanOrEqual(MANY / 10);
  });
});

describe('transient failures are retried until answered', () => {
  it.each<[string, Fault]>([
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 502', { kind: 'status', status: 502 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 408', { kind: 'status', status: 408 }],
    ['a connection reset', { kind: 'reset' }],
    ['a stall past the timeout', { kind: 'stall' }],
    ['a truncated body', { kind: 'truncated' }],
    ['malformed JSON', { kind: 'malformed' }],
    ['empty choices', { kind: 'empty-choices' }],
  ])('%s on every first attempt', async (_name, fault) => {
    const run = await start({ fault: (r) => (r.attempt === 0 ? fault : undefined) }, { timeoutMs: 400 });
    const result = await run.run();
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/error/);
    expectRecovered(run, 2);
    expect(run.clock.sleeps).toHaveLength(SAMPLES);
  });
});

describe('other 4xx are the request\'s fault: recorded, not retried', () => {
  const REJECTED = ['2', '5'];
  it.each([400, 401, 403, 404, 422])('HTTP %i', async (status) => {
    // The server rejects the requests carrying the images of samples 2 and 5.
    const rejected = new Set(imageShas(project.data, REJECTED.map(Number)).keys());
    const run = await start({
      fault: (r) => (rejected.has(r.imageSha ?? '') ? { kind: 'status', status, body: `{"error":{"message":"rejected with ${status}"}}` } : undefined),
    });
    const result = await run.run();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2 sample\(s\) failed/);
    const records = [...latestRecords(onlyRun(run.out)).values()];
    const failed = records.filter((r) => r.error !== null);
    expect(failed.map((r) => r.id).sort()).toEqual(REJECTED);
    for (const record of failed) {
      expect(record.attempts).toBe(1);
      expect(record.error).toMatch(new RegExp(`HTTP ${status}: .*rejected with ${status}`));
    }
    expect(run.server.requests).toHaveLength(SAMPLES);
    expect(run.clock.sleeps).toEqual([]);
  });
});

describe('a server that dies and comes back', () => {
  it('loses no sample: requests during the outage are retried once the endpoint is back', async () => {
    let died = false;
    const run = await start({
      fault: (r) => {
        if (r.index !== 3 || died) return undefined;
        died = true;
        void run.server.stop().then(() => setTimeout(() => void run.server.restart(), 1500));
        return { kind: 'reset' };
      },
    });
    const result = await run.run();
    expect(died).toBe(true);
    expect(result.code).toBe(0);
    const records = [...latestRecords(onlyRun(run.out)).values()];
    expect(records.some((r) => (r.attempts ?? 1) > 1)).toBe(true);
    expectSameAsReference(onlyRun(run.out), reference);
  });
});
