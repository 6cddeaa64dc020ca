import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { selectSample } from '../../core/pipeline/sample-selection.js';
import { readPredictions } from '../../core/store/predictions-file.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';

async function* items(ids: string[]) {
  for (const id of ids) yield { id, gold: null };
}

const idsOf = async (runDir: string) => [...readPredictions(join(runDir, 'predictions', 'hate-speech', 'random.jsonl')).records.keys()].sort();
const lastLine = (text: string) => text.trim().split('\n').at(-1)!;

describe('--sample N --seed S', () => {
  it('selects the same N ids for the same seed, whatever the order, and others for another seed', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
    const a = await selectSample(items(ids), { size: 10, seed: 1 });
    const b = await selectSample(items([...ids].reverse()), { size: 10, seed: 1 });
    const c = await selectSample(items(ids), { size: 10, seed: 2 });
    expect(a.size).toBe(10);
    expect([...a].sort()).toEqual([...b].sort());
    expect([...a].sort()).not.toEqual([...c].sort());
    expect((await selectSample(items(ids.slice(0, 3)), { size: 10, seed: 1 })).size).toBe(3);
  });

  it('evaluates exactly the drawn samples, deterministically', async () => {
    const dir = tempDir('sample');
    await makeMemeDataset(join(dir, 'data'), { train: 5, validation: 40 });
    const config = writeConfig(dir, { models: { random: { use: 'baseline/random' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } } });
    const first = lastLine((await benchInProcess(['run', '-c', config, '--sample', '7', '--seed', '3'])).stdout);
    const second = lastLine((await benchInProcess(['run', '-c', config, '--sample', '7', '--seed', '3', '--fresh'])).stdout);
    const other = lastLine((await benchInProcess(['run', '-c', config, '--sample', '7', '--seed', '4', '--fresh'])).stdout);
    expect(await idsOf(first)).toHaveLength(7);
    expect(await idsOf(second)).toEqual(await idsOf(first));
    expect(await idsOf(other)).not.toEqual(await idsOf(first));
    const both = await benchInProcess(['run', '-c', config, '--sample', '7', '--limit', '3']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either a limit .* or a sample/);
  });
});
