import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import { collectReportData, type EmbeddedSamples } from '../../core/report/html/report-data.js';
import type { SampleLookup } from '../../core/report/html/sample-lookup.js';
import { THUMBNAIL_BUDGET, thumbnail } from '../../core/report/html/thumbnails.js';
import type { MetricsFile } from '../../core/report/results.js';
import { tempDir } from '../fixtures/datasets.js';

function record(id: string, fields: Partial<PredictionRecord>): PredictionRecord {
  return { id, hash: 'h', output: 'answer', prediction: null, gold: null, valid: true, error: null, latencyMs: 10, ...fields };
}

/** A run folder with the given records per task (one model, `m`), and its metrics.json shape. */
function run(pairs: Record<string, PredictionRecord[]>, judged: Record<string, PredictionRecord[]> = {}) {
  const dir = tempDir('report-data');
  const files = {
    predictionsPath: (task: string, model: string) => join(dir, task, `${model}.jsonl`),
    judgePath: (task: string, model: string) => join(dir, task, `${model}.judge.jsonl`),
  };
  const write = (path: string, records: readonly PredictionRecord[]) => writeFileSync(path, records.map((r) => JSON.stringify(r) + '\n').join(''));
  for (const [task, records] of Object.entries(pairs)) {
    mkdirSync(join(dir, task));
    write(files.predictionsPath(task, 'm'), records);
    if (judged[task]) write(files.judgePath(task, 'm'), judged[task]);
  }
  const metrics = {
    runId: 'r',
    tasks: Object.fromEntries(Object.keys(pairs).map((task) => [task, { task, version: '1', split: 'test', metrics: [] }])),
    models: ['m'],
    results: Object.fromEntries(Object.keys(pairs).map((task) => [task, { m: {} }])),
  } as unknown as MetricsFile;
  return { files, metrics };
}

function column(samples: EmbeddedSamples, name: string): unknown[] {
  return samples.rows.map((row) => row[samples.columns.indexOf(name)]);
}

describe('report.html data', () => {
  it('classifies each answer, comparing tag lists as sets and leaving answers without gold ungraded', async () => {
    const { files, metrics } = run(
      {
        tags: [
          record('1', { gold: ['Music', 'Film'], prediction: ['Film', 'Music'] }),
          record('2', { gold: ['Music'], prediction: ['Film'] }),
          record('3', { gold: ['Music'], valid: false, output: 'no idea' }),
          record('4', { gold: ['Music'], output: null, error: 'HTTP 400: too long' }),
          record('5', { gold: null, output: null, error: 'no image', skipped: true }),
        ],
        describe: [record('1', { prediction: 'a cat on a sofa' })],
      },
      { describe: [record('1', { prediction: 4 })] },
    );
    const { samples } = await collectReportData(metrics, files, { warn: () => {} });
    expect(column(samples, 'status')).toEqual(['correct', 'wrong', 'invalid', 'failed', 'skipped', 'answered']);
    expect(column(samples, 'prediction')).toEqual(['Film, Music', 'Film', '', '', '', 'a cat on a sofa']);
    expect(column(samples, 'error')).toEqual([null, null, null, 'HTTP 400: too long', 'no image', null]);
    expect(column(samples, 'judge')).toEqual([null, null, null, null, null, 4]);
    expect(column(samples, 'prompt')).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('spends the thumbnail budget on flagged samples first, stops at the byte limit, and shares prompts', async () => {
    const { files, metrics } = run({
      memes: ['1', '2', '3', '4', '5'].map((id) => record(id, { gold: 'yes', prediction: ['2', '4', '5'].includes(id) ? 'no' : 'yes' })),
    });
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366aa' } }).png().toBuffer();
    const size = (await thumbnail(image)).length;
    const asked: string[][] = [];
    const lookup: SampleLookup = async function* (_task, _split, ids) {
      asked.push([...ids]);
      for (const id of ids) yield { id, prompt: 'Is this meme funny?', image: { ref: id, read: async () => image } };
    };
    const budget = { ...THUMBNAIL_BUDGET, count: 4, bytes: Math.floor(2.5 * size) };
    const { samples, thumbnails } = await collectReportData(metrics, files, { samples: lookup, budget, warn: () => {} });
    expect(asked).toEqual([['1', '2', '3', '4', '5']]);
    expect(samples.prompts).toEqual(['Is this meme funny?']);
    expect(column(samples, 'prompt')).toEqual([0, 0, 0, 0, 0]);
    // Wrong answers (2, 4, 5) come first; two thumbnails fit in 2.5 thumbnails' bytes.
    expect(column(samples, 'thumbnail')).toEqual([-1, 0, -1, 1, -1]);
    expect(thumbnails).toEqual({ samples: 5, embedded: 2 });
  });

  it('warns and keeps the records when a dataset cannot be re-read', async () => {
    const { files, metrics } = run({ memes: [record('1', { gold: 'yes', prediction: 'yes' })] });
    const warnings: string[] = [];
    const lookup: SampleLookup = async function* () {
      throw new Error('data/memes: no such folder');
    };
    const { samples } = await collectReportData(metrics, files, { samples: lookup, warn: (m) => void warnings.push(m) });
    expect(warnings).toEqual(['report.html: memes: prompts and images left out: data/memes: no such folder']);
    expect(samples.rows).toHaveLength(1);
    expect(samples.thumbnails).toEqual([]);
  });
});
