import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedFrom, seededRandom } from '../../core/util/random.js';
import { readPredictions } from '../../core/store/predictions-file.js';
import { benchChild } from '../fixtures/cli.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';
import { FAULT_SEED, HEAVY, repetitions } from './lib/heavy.js';
import { interruptChild } from './lib/interrupt.js';
import { llavaConfig, memeProject, outDir, type MemeProject } from './lib/project.js';
import { expectSameAsReference, referenceRun, type Reference } from './lib/reference.js';
import { repeated, requestedIds } from './lib/requests.js';
import { manifestStatus, onlyRun, predictionsPath } from './lib/run-folder.js';
import { waitFor } from './lib/wait.js';

/**
 * `bench run` as a child process, killed (SIGKILL) or interrupted (SIGINT) at seeded random points,
 * then run again: nothing written is lost or asked again, and the results are those of an
 * uninterrupted run. MMSOC_HEAVY=1 repeats each many times.
 */
const SAMPLES = 40;
let project: MemeProject;
let reference: Reference;
let server: FakeOpenAIServer;

beforeAll(async () => {
  project = await memeProject('faults-kill', SAMPLES);
  reference = await referenceRun(project);
  server = await startFakeOpenAIServer({ latencyMs: 25 });
});
afterAll(() => server.close());

/** Figures of one repetition, printed for docs/reliability.md. */
interface Figures {
  seed: number;
  killAfterRequests: number;
  linesKept: number;
  tornTail: boolean;
  askedOnResume: number;
}
const figures: Record<string, Figures[]> = { SIGKILL: [], SIGINT: [] };
afterAll(() => {
  if (!HEAVY) return;
  for (const [signal, list] of Object.entries(figures)) if (list.length) console.log(`${signal} repetitions:\n${list.map((f) => JSON.stringify(f)).join('\n')}`);
});

/** Interrupts a fresh run at a seeded point, resumes it, and checks the guarantees. */
async function interruptAndResume(signal: 'SIGKILL' | 'SIGINT', seed: number): Promise<void> {
  const killAfterRequests = seededRandom(seedFrom(signal, seed)).int(1, SAMPLES - 2);
  const config = llavaConfig(project, server.url, {}, `${signal}-${seed}.config.ts`);
  const out = outDir(project, `${signal}-${seed}`);
  const args = ['run', '-c', config, '--out', out];

  const first = await interruptChild(args, server, server.requests.length + killAfterRequests, signal);
  const runDir = onlyRun(out);
  const path = predictionsPath(runDir);
  const kept = readPredictions(path);
  const text = readFileSync(path, 'utf8');
  if (signal === 'SIGKILL') {
    expect(first.signal).toBe('SIGKILL');
  } else {
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/interrupted/);
    expect(manifestStatus(runDir)).toBe('interrupted');
    // Requests cut short by the interrupt are left for the next run, not recorded as failures.
    expect([...kept.records.values()].filter((r) => r.error !== null)).toEqual([]);
  }
  expect(kept.badLines).toEqual([]);
  expect(kept.records.size).toBeLessThan(SAMPLES);

  const before = server.requests.length;
  const second = await benchChild(args).done;
  expect(second.stderr).toMatch(/resuming run/);
  expect(second.code).toBe(0);
  const asked = requestedIds(server, project, before);
  // Nothing written before the interruption is asked again, and nothing is asked twice.
  expect(asked.filter((id) => kept.records.get(id)?.error === null)).toEqual([]);
  expect(repeated(asked)).toEqual([]);
  expect(asked.length).toBe(SAMPLES - kept.records.size);
  // A torn last line was cut off, not left in the middle of the file.
  expect(readPredictions(path).badLines).toEqual([]);
  expectSameAsReference(runDir, reference);
  figures[signal]!.push({ seed, killAfterRequests, linesKept: kept.records.size, tornTail: !text.endsWith('\n') && text.length > 0, askedOnResume: asked.length });
}

describe('SIGKILL of bench run at random points', () => {
  const seeds = Array.from({ length: repetitions(1, 20) }, (_, i) => FAULT_SEED + i);
  it.each(seeds)('seed %i: the rerun completes without asking for a written sample again, with the results of an uninterrupted run', async (seed) => {
    await interruptAndResume('SIGKILL', seed);
  });
});

describe('SIGINT of bench run at random points', () => {
  const seeds = Array.from({ length: repetitions(1, 10) }, (_, i) => FAULT_SEED + 1000 + i);
  it.each(seeds)('seed %i: exits 130 keeping what is written (status interrupted), and the rerun completes with identical results', async (seed) => {
    await interruptAndResume('SIGINT', seed);
  });
});

describe('Ctrl-C with requests in flight (2 endpoints x 4 slots, a slow server)', () => {
  const SLOTS = 8;
  let slow: FakeOpenAIServer;
  beforeAll(async () => {
    // Slow enough that all 8 requests are still in flight when the signal arrives.
    slow = await startFakeOpenAIServer({ latencyMs: 2_000 });
  });
  afterAll(() => slow.close());

  const configFor = (name: string) => llavaConfig(project, slow.url, { endpoint: undefined, endpoints: [slow.url, slow.url], concurrency: 4 }, `${name}.config.ts`);

  it('the first one waits for the answers in flight and writes them: the rerun resends none of them', async () => {
    const args = ['run', '-c', configFor('drain'), '--out', outDir(project, 'drain')];
    const from = slow.requests.length;
    const first = await interruptChild(args, slow, from + SLOTS, 'SIGINT');
    expect(first.code).toBe(130);
    const runDir = onlyRun(outDir(project, 'drain'));
    expect(manifestStatus(runDir)).toBe('interrupted');
    // The pair stopped short: its progress line says so, not "done".
    expect(first.stderr).toMatch(/hate-speech x llava .* interrupted/);
    expect(first.stderr).not.toMatch(/hate-speech x llava .* done/);
    const sentBefore = requestedIds(slow, project, from);
    expect(sentBefore).toHaveLength(SLOTS);
    const kept = readPredictions(predictionsPath(runDir)).records;
    expect([...kept.values()].filter((r) => r.error === null).map((r) => r.id).sort()).toEqual([...sentBefore].sort());

    const before = slow.requests.length;
    const second = await benchChild(args).done;
    expect(second.code).toBe(0);
    const resent = requestedIds(slow, project, before).filter((id) => sentBefore.includes(id));
    expect(resent).toEqual([]);
    expectSameAsReference(runDir, reference);
  });

  it('a second one quits at once, without waiting for the answers in flight', async () => {
    const args = ['run', '-c', configFor('abort'), '--out', outDir(project, 'abort')];
    const child = benchChild(args);
    let stderr = '';
    child.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const from = slow.requests.length;
    await waitFor(`${SLOTS} requests`, () => slow.requests.length >= from + SLOTS);
    child.child.kill('SIGINT');
    await waitFor('the interrupt warning', () => /press Ctrl-C again/.test(stderr));
    child.child.kill('SIGINT');
    const ended = await child.done;
    expect(ended.code).toBe(130);
    // The 2 s answers were not waited for.
    expect(readPredictions(predictionsPath(onlyRun(outDir(project, 'abort')))).records.size).toBe(0);
  });
});
