import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import { readPredictions } from '../../core/store/predictions-file.js';
import { benchChild } from '../fixtures/cli.js';
import { imageShas, makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

const SAMPLES = 160;
let servers: FakeOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function project(serverUrl: string) {
  const dir = tempDir('resume');
  await makeMemeDataset(join(dir, 'data'), { validation: SAMPLES });
  const config = writeConfig(dir, {
    models: { llava: { use: 'openai-compatible', endpoint: serverUrl, model: 'llava', concurrency: 4 } },
    tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    bootstrap: { samples: 300 },
  });
  return { dir, config };
}

function runDirOf(out: string): string {
  const entries = readdirSync(out);
  expect(entries).toHaveLength(1);
  return join(out, entries[0]!);
}

const comparable = (records: Iterable<PredictionRecord>) =>
  [...records].map(({ id, hash, output, prediction, gold, valid, error }) => ({ id, hash, output, prediction, gold, valid, error })).sort((a, b) => a.id.localeCompare(b.id));

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('resume after SIGKILL', () => {
  it('never asks again for a written sample, and ends with the results of an uninterrupted run', async () => {
    const server = await startFakeOpenAIServer({ latencyMs: 15 });
    servers.push(server);
    const { dir, config } = await project(server.url);
    const out = join(dir, 'runs');

    const first = benchChild(['run', '-c', config]);
    const predictionsPath = () => {
      if (!existsSync(out)) return undefined;
      const run = readdirSync(out)[0];
      const path = run && join(out, run, 'predictions', 'hate-speech', 'llava.jsonl');
      return path && existsSync(path) ? path : undefined;
    };
    await waitFor(() => {
      const path = predictionsPath();
      return !!path && readFileSync(path, 'utf8').split('\n').length > SAMPLES / 2;
    });
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const written = readPredictions(predictionsPath()!).records;
    expect(written.size).toBeGreaterThanOrEqual(SAMPLES / 2);
    expect(written.size).toBeLessThan(SAMPLES);
    const requestsBeforeResume = server.requests.length;

    const second = await benchChild(['run', '-c', config]).done;
    expect(second.stderr).toMatch(/resuming run/);
    expect(second.code).toBe(0);

    // No sample already written was requested again after the kill.
    const idOf = imageShas(join(dir, 'data'), Array.from({ length: SAMPLES }, (_, i) => i));
    const resumedIds = server.requests.slice(requestsBeforeResume).map((r) => idOf.get(r.imageSha!)!);
    expect(resumedIds.filter((id) => written.has(id))).toEqual([]);
    expect(new Set(resumedIds).size).toBe(resumedIds.length);
    const final = readPredictions(predictionsPath()!).records;
    expect(final.size).toBe(SAMPLES);

    // An uninterrupted run of the same config against an identical server gives the same results.
    const reference = await startFakeOpenAIServer({ latencyMs: 1 });
    servers.push(reference);
    const twin = await project(reference.url);
    const third = await benchChild(['run', '-c', twin.config]).done;
    expect(third.code).toBe(0);
    const referenceRun = runDirOf(join(twin.dir, 'runs'));
    const referenceRecords = readPredictions(join(referenceRun, 'predictions', 'hate-speech', 'llava.jsonl')).records;
    expect(comparable(final.values())).toEqual(comparable(referenceRecords.values()));
    const metrics = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    expect(metrics(runDirOf(out)).results).toEqual(metrics(referenceRun).results);
    expect(metrics(runDirOf(out)).counts).toEqual(metrics(referenceRun).counts);
  });
});

describe('interrupt with SIGINT', () => {
  it('stops taking work, keeps what is written, exits 130, and the rerun completes', async () => {
    const server = await startFakeOpenAIServer({ latencyMs: 20 });
    servers.push(server);
    const { dir, config } = await project(server.url);
    const child = benchChild(['run', '-c', config]);
    await waitFor(() => server.requests.length >= 40);
    child.child.kill('SIGINT');
    const result = await child.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted/);
    const runDir = runDirOf(join(dir, 'runs'));
    expect(JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')).status).toBe('interrupted');
    const kept = readPredictions(join(runDir, 'predictions', 'hate-speech', 'llava.jsonl')).records;
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.size).toBeLessThan(SAMPLES);
    const rerun = await benchChild(['run', '-c', config]).done;
    expect(rerun.code).toBe(0);
    expect(readPredictions(join(runDir, 'predictions', 'hate-speech', 'llava.jsonl')).records.size).toBe(SAMPLES);
  });
});
