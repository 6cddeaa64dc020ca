import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunComparison } from '../../core/report/compare.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

/*
 * Two real runs on 60 memes (ids 12..71; every third one, 20 in all, is hateful): in A the served
 * model answers "No" to all, in B "Yes" to all. So accuracy is 2/3 in A and 1/3 in B, and every
 * sample flips between right and wrong.
 */
let server: FakeOpenAIServer;
let answer = 'No';
let runA: string;
let runB: string;

beforeAll(async () => {
  server = await startFakeOpenAIServer({ answer: () => answer });
  const dir = tempDir('compare');
  await makeMemeDataset(join(dir, 'data'), { train: 12, validation: 60 });
  const config = writeConfig(dir, {
    output: 'runs',
    models: { llava: { use: 'openai-compatible', endpoint: server.url, model: 'llava-hf/llava-1.5-7b-hf' }, majority: { use: 'baseline/majority' } },
    tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    bootstrap: { samples: 500 },
  });
  const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1)!;
  const a = await benchInProcess(['run', '-c', config]);
  expect(a.code).toBe(0);
  runA = lastLine(a.stdout);
  answer = 'Yes';
  const b = await benchInProcess(['run', '-c', config, '--fresh', '--models', 'llava']);
  expect(b.code).toBe(0);
  runB = lastLine(b.stdout);
});

afterAll(async () => {
  await server.close();
});

async function compare(a: string, b: string): Promise<RunComparison> {
  const result = await benchInProcess(['compare', a, b, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as RunComparison;
}

describe('bench compare', () => {
  it('gives B - A per task, model and headline metric with a paired interval and p-value', async () => {
    const comparison = await compare(runA, runB);
    expect(comparison.bootstrap).toEqual({ samples: 500, seed: 0, confidence: 0.95 });
    expect(comparison.differences.map((d) => d.metric)).toEqual(['accuracy', 'macro-f1', 'weighted-f1', 'valid-rate']);
    expect(comparison.differences.every((d) => d.task === 'hate-speech' && d.model === 'llava' && d.n === 60)).toBe(true);
    const accuracy = comparison.differences.find((d) => d.metric === 'accuracy')!;
    expect(accuracy.a).toBeCloseTo(2 / 3, 12);
    expect(accuracy.b).toBeCloseTo(1 / 3, 12);
    expect(accuracy.diff).toBeCloseTo(-1 / 3, 12);
    expect(accuracy.lo).toBeLessThan(accuracy.diff);
    expect(accuracy.hi).toBeLessThan(0);
    expect(accuracy.pValue).toBeLessThan(0.05);
    const valid = comparison.differences.find((d) => d.metric === 'valid-rate')!;
    expect(valid).toMatchObject({ a: 1, b: 1, diff: 0, lo: 0, hi: 0, pValue: 1 });
    expect(comparison.unmatched).toEqual(['hate-speech x majority']);
  });

  it('finds no difference between a run and itself', async () => {
    const comparison = await compare(runA, runA);
    expect(comparison.differences).toHaveLength(8);
    for (const d of comparison.differences) expect(d).toMatchObject({ diff: 0, lo: 0, hi: 0, pValue: 1, n: 60 });
    expect(comparison.unmatched).toEqual([]);
  });

  it('prints the differences as a table', async () => {
    const result = await benchInProcess(['compare', runA, runB]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\| hate-speech \| llava +\| Accuracy ↑ +\| 0\.667 \| 0\.333 \| -0\.333 \[-0\.\d{3}, -0\.\d{3}\] +\| (0\.0\d\d|<0\.001) \| 60 \|$/m);
    expect(result.stdout).toContain('Not in both runs: hate-speech x majority.');
  });

  it('refuses a folder that is not a run, in one line', async () => {
    const result = await benchInProcess(['compare', runA, join(runA, 'predictions')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`error: ${join(runA, 'predictions')}: no readable metrics.json (is it a run folder? bench run prints one on its last line)`);
  });
});
