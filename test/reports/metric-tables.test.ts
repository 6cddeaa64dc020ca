import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { MetricPlugin } from '../../core/contracts/metric.js';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { computeResults } from '../../core/report/compute-results.js';
import { mergeMetrics } from '../../core/report/merge-metrics.js';
import { benchInProcess } from '../fixtures/cli.js';
import { tempDir, writeConfig } from '../fixtures/datasets.js';
import { record } from '../metrics/records.js';

/*
 * A third party's metric with a title and a table of its own shape, in a plugin module written as a
 * user would (no imports from the core): bench run stores the table in metrics.json and draws it in
 * report.md and report.html, with the cell that names one of the metric's numbers shown with its
 * bootstrap interval. Nothing in the core knows the metric.
 */
const PLUGIN = `
const words = (text) => text.split(/\\s+/).filter(Boolean).length;
const bucket = (n) => (n <= 1 ? 'one word' : n <= 3 ? 'two or three' : 'more');

export default {
  apiVersion: 1,
  name: 'lengths',
  tasks: [{
    id: 'echo-task', version: '1', description: 'Repeat the text.', dataset: { format: 'jsonl' }, splits: { eval: 'test' },
    kind: 'generation', metrics: ['answer-words'],
    async *load(source, split) {
      for await (const row of source.rows(split)) yield { id: String(row.id), gold: row.text, text: row.text };
    },
    prompt: (sample) => [{ role: 'user', content: sample.text }],
    parse: (output) => ({ value: output, valid: true }),
    answer: (gold) => gold,
  }],
  models: [{
    id: 'parrot', description: 'Answers with the prompt.', endpoints: 'none', options: () => ({}),
    create: () => ({ identity: 'parrot', needsImages: false, generate: async ({ sample }) => ({ text: sample.text }) }),
  }],
  metrics: [{
    id: 'answer-words',
    title: 'Answer words',
    description: 'Mean number of words per answer.',
    compute(records) {
      const total = records.reduce((n, r) => n + words(String(r.prediction)), 0);
      return { 'answer-words': records.length ? total / records.length : Number.NaN };
    },
    table(records) {
      const counts = new Map([['one word', 0], ['two or three', 0], ['more', 0]]);
      for (const r of records) counts.set(bucket(words(String(r.prediction))), counts.get(bucket(words(String(r.prediction)))) + 1);
      return {
        kind: 'table',
        columns: ['Length', 'Answers', 'Share'],
        rows: [
          ...[...counts].map(([length, n]) => [length, n, n / records.length]),
          ['mean words', null, { number: 'answer-words' }],
        ],
      };
    },
  }],
};
`;

const TEXTS = ['yes', 'no', 'a | b', 'three whole words', 'one', 'the quick brown fox', 'maybe so', 'ok'];

describe('a third-party metric with a table', () => {
  it('is stored under tables and drawn in report.md and report.html under its title', async () => {
    const dir = tempDir('metric-table');
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'test.jsonl'), TEXTS.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n');
    writeFileSync(join(dir, 'lengths.js'), PLUGIN);
    const config = writeConfig(dir, {
      plugins: ['./lengths.js'],
      output: 'runs',
      models: { parrot: { use: 'parrot' } },
      tasks: { echo: { use: 'echo-task', dataset: { path: 'data' } } },
      bootstrap: { samples: 200 },
    });
    const result = await benchInProcess(['run', '-c', config]);
    expect(result.code).toBe(0);
    const runDir = result.stdout.trim().split('\n').at(-1)!;

    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    expect(metrics.titles).toEqual({ 'answer-words': 'Answer words' });
    const mean = metrics.results.echo.parrot['answer-words'];
    expect(mean.value).toBe(2);
    expect(mean.lo).toBeLessThan(mean.value);
    expect(metrics.tables.echo.parrot['answer-words']).toEqual({
      kind: 'table',
      columns: ['Length', 'Answers', 'Share'],
      rows: [
        ['one word', 4, 0.5],
        ['two or three', 3, 0.375],
        ['more', 1, 0.125],
        ['mean words', null, mean],
      ],
    });

    const fmt = (x: number) => x.toFixed(3);
    const report = readFileSync(join(runDir, 'report.md'), 'utf8');
    expect(report).toContain('| Model  | Answer words ');
    const table = report.slice(report.indexOf('### Answer words: parrot')).split('\n\n')[1]!.split('\n');
    expect(table.map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))).toEqual([
      ['Length', 'Answers', 'Share'],
      [expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/)],
      ['one word', '4', '0.500'],
      ['two or three', '3', '0.375'],
      ['more', '1', '0.125'],
      ['mean words', '-', `${fmt(mean.value)} [${fmt(mean.lo)}, ${fmt(mean.hi)}]`],
    ]);
    // bench run's own summary keeps to the headline numbers.
    expect(result.stdout).not.toContain('### Answer words');

    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('<caption>Answer words: parrot</caption>');
    expect(html).toContain('<tr><th>mean words</th><td>-</td>');
    expect(html).toContain('<svg class="chart" viewBox');
    expect(html).toContain('aria-label="Answer words"');
  });
});

describe('tables in metrics.json', () => {
  const task = { id: 't', version: '1', metrics: ['bad'] } as unknown as TaskPlugin;
  const records = [record('a', 'a', { id: '1' }), record('b', 'a', { id: '2' })];
  const compute = (table: () => unknown) =>
    computeResults(
      [{ taskKey: 't', task, split: 'test', modelName: 'm', records }],
      () => ({ id: 'bad', description: 'd', compute: (rs) => ({ bad: rs.length }), table: table as MetricPlugin['table'] }),
      { runId: 'r', now: new Date(0), bootstrapSamples: 10, seed: 0 },
    );

  it.each([
    ['a row of the wrong width', () => ({ kind: 'table', columns: ['x', 'y'], rows: [['only x']] }), 'table: rows.0: 1 cells for 2 columns'],
    ['counts that do not match the labels', () => ({ kind: 'confusion', rows: ['a'], columns: ['a'], counts: [[1], [2]] }), 'table: counts: 2 rows of counts for 1 row labels'],
    ['a cell naming a number the metric does not have', () => ({ kind: 'table', columns: ['x'], rows: [[{ number: 'nope' }]] }), "table: refers to 'nope', which is not one of the metric's numbers"],
    ['an unknown kind', () => ({ kind: 'chart' }), 'table: kind: '],
  ])('refuses %s in one line naming the metric, task and model', (_case, table, message) => {
    expect(() => compute(table)).toThrow(`metric bad on task t, model m: ${message}`);
  });

  it('keeps the tables of pairs a later session did not recompute, and drops those of pairs it did', () => {
    const base = compute(() => ({ kind: 'table', columns: ['x'], rows: [['first']] }));
    const both = { ...base, results: { ...base.results, u: base.results.t! }, counts: { ...base.counts, u: base.counts.t! }, tables: { ...base.tables, u: structuredClone(base.tables!.t!) } };
    // A later session recomputes t x m with a metric that no longer returns a table.
    const merged = mergeMetrics(both, { ...base, tables: {} });
    expect(merged.tables).toEqual({ t: {}, u: { m: { bad: { kind: 'table', columns: ['x'], rows: [['first']] } } } });
    expect(mergeMetrics(merged, base).tables).toEqual(both.tables);
  });
});
