import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import { isSkipped, type Sample } from '../../core/contracts/sample.js';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { openDatasetSource } from '../../core/data/open-source.js';
import { PACKAGE_DIR } from '../../core/run/package-dir.js';
import { priorWarning } from '../../core/run/label-prior.js';
import { misinformationGossipcop, misinformationPolitifact } from '../../plugins/tasks/misinformation.js';
import { benchInProcess } from '../fixtures/cli.js';
import { collect } from '../fixtures/collect.js';
import { tempDir, writeConfig } from '../fixtures/datasets.js';

/*
 * The misinformation label direction (`fakeLabel`): which raw value means fake, both ways, and the
 * run-time warning when the evaluated gold contradicts GossipCop's documented balance (about 3:1
 * true:fake), which is what a flipped direction looks like.
 */

const gossipcop = misinformationGossipcop as TaskPlugin;
const politifact = misinformationPolitifact as TaskPlugin;

async function golds(task: TaskPlugin, fakeLabel: 0 | 1, split = task.splits.eval): Promise<string[]> {
  const source = openDatasetSource(task.dataset, PACKAGE_DIR);
  const options = task.options!({ fakeLabel });
  const rawLabels = (await collect(source.rows(split))).map((row) => row.label);
  const items = await collect(task.load(source, split, options));
  expect(items.filter(isSkipped)).toEqual([]);
  const labels = (items as Sample[]).map((sample) => sample.gold as string);
  // Row by row: the raw value equal to fakeLabel is fake, the other true.
  expect(labels).toEqual(rawLabels.map((raw) => (raw === fakeLabel ? 'fake' : 'true')));
  return labels;
}

const record = (gold: string, i: number): PredictionRecord => ({ id: String(i), hash: '', output: 'No', prediction: 'true', gold, valid: true, error: null, latencyMs: 0 });
const recordsOf = (fake: number, real: number) => [...Array(fake).fill('fake'), ...Array(real).fill('true')].map(record);

describe('fakeLabel', () => {
  it('1 (the default) reads raw 1 as fake: the bundled GossipCop sample is then mostly true, as the real data', async () => {
    const labels = await golds(gossipcop, 1);
    expect(labels.filter((label) => label === 'fake').length / labels.length).toBeLessThan(0.5);
  });

  it('0 reads raw 0 as fake: the same rows, every label swapped', async () => {
    const one = await golds(gossipcop, 1);
    const zero = await golds(gossipcop, 0);
    expect(zero).toEqual(one.map((label) => (label === 'fake' ? 'true' : 'fake')));
  });

  it('applies to PolitiFact both ways too', async () => {
    const one = await golds(politifact, 1);
    expect(await golds(politifact, 0)).toEqual(one.map((label) => (label === 'fake' ? 'true' : 'fake')));
  });

  it('is 0 or 1, nothing else', () => {
    expect(() => gossipcop.options!({ fakeLabel: 2 })).toThrow();
    expect(() => gossipcop.options!({ fakeLabel: '1' })).toThrow();
  });
});

describe('the class-balance warning', () => {
  it('warns when GossipCop gold is mostly fake, naming the option and its value', () => {
    expect(priorWarning('gc', gossipcop, { fakeLabel: 0 }, recordsOf(15, 5))).toBe(
      "gc: 15 of 20 evaluated samples (75%) are 'fake', but about 25% of misinformation-gossipcop's data is: the label direction may be flipped (tasks.gc.options.fakeLabel is 0)",
    );
  });

  it('is silent when the balance agrees, is even, the samples are too few, or the task declares no balance', () => {
    expect(priorWarning('gc', gossipcop, { fakeLabel: 1 }, recordsOf(5, 15))).toBeUndefined();
    expect(priorWarning('gc', gossipcop, { fakeLabel: 1 }, recordsOf(10, 10))).toBeUndefined();
    expect(priorWarning('gc', gossipcop, { fakeLabel: 0 }, recordsOf(15, 4))).toBeUndefined();
    expect(priorWarning('pf', politifact, { fakeLabel: 0 }, recordsOf(15, 5))).toBeUndefined();
  });

  it('counts only samples with gold (skipped rows say nothing about the balance)', () => {
    const skipped: PredictionRecord = { ...record('fake', 99), gold: null, skipped: true, error: 'no image' };
    expect(priorWarning('gc', gossipcop, { fakeLabel: 0 }, [...recordsOf(15, 4), skipped])).toBeUndefined();
  });

  it('bench run on the bundled GossipCop sample: silent with the default direction, one warning line when flipped', async () => {
    const dir = tempDir('fake-label');
    const config = (fakeLabel: 0 | 1) =>
      writeConfig(
        dir,
        { models: { majority: { use: 'baseline/majority' } }, tasks: { 'misinformation-gossipcop': { options: { fakeLabel } } }, bootstrap: { samples: 50 } },
        `fake-${fakeLabel}.config.ts`,
      );
    const right = await benchInProcess(['run', '-c', config(1)]);
    expect(right.code).toBe(0);
    expect(right.stderr).not.toMatch(/flipped/);
    const flipped = await benchInProcess(['run', '-c', config(0)]);
    expect(flipped.code).toBe(0);
    expect(flipped.stderr.split('\n').filter((line) => line.includes('flipped'))).toEqual([
      expect.stringMatching(/misinformation-gossipcop: 15 of 20 evaluated samples \(75%\) are 'fake', .* \(tasks\.misinformation-gossipcop\.options\.fakeLabel is 0\)$/),
    ]);
    // The warning is about the data, not the scores: metrics are still written.
    const runDir = flipped.stdout.trim().split('\n').at(-1)!;
    expect(JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8')).counts['misinformation-gossipcop'].majority.samples).toBe(20);
  });
});
