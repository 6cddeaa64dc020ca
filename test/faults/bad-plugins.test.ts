import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import { readPredictions } from '../../core/store/predictions-file.js';
import { writeConfig } from '../fixtures/datasets.js';
import { benchAlone, benchBatch, type BatchResult } from './lib/cli-batch.js';
import { FAULTY_PLUGIN } from './lib/faulty-plugin.js';
import { expectOneLineError } from './lib/one-line.js';
import { memeProject, type MemeProject } from './lib/project.js';
import { onlyRun, predictionsPath } from './lib/run-folder.js';

/**
 * Plugins that throw, hang or return the wrong shapes (test/faults/lib/faulty-plugin.ts), run by the
 * real CLI: a broken plugin or a bad option stops the run before any work in one line (exit 2); a
 * misbehaving call costs only its sample, recorded with a one-line reason, while every other sample
 * is answered and kept.
 */
interface PluginCase {
  readonly name: string;
  readonly model?: Readonly<Record<string, unknown>>;
  readonly task?: string;
  readonly taskBehaviour?: string;
  readonly plugins?: readonly string[];
}

const CASES = {
  importThrows: { name: 'a plugin that throws when imported', plugins: ['./broken.ts'] },
  createThrows: { name: 'a model that throws when created', model: { behaviour: 'create-throws' } },
  generateThrows: { name: 'a model whose generate throws', model: { behaviour: 'throws' } },
  undefinedResult: { name: 'a model whose generate resolves undefined', model: { behaviour: 'undefined-result' } },
  numberText: { name: 'a model whose generate resolves { text: 42 }', model: { behaviour: 'number-text' } },
  hangs: { name: 'a model whose generate hangs, ignoring its abort signal', model: { behaviour: 'hangs' } },
  promptThrows: { name: 'a task whose prompt throws', taskBehaviour: 'prompt-throws' },
  parseThrows: { name: 'a task whose parse throws', taskBehaviour: 'parse-throws' },
  parseUndefined: { name: 'a task whose parse returns undefined', taskBehaviour: 'parse-undefined' },
  loadThrows: { name: 'a task whose load throws midway', taskBehaviour: 'load-throws' },
  loadNull: { name: 'a task whose load yields null midway', taskBehaviour: 'load-null' },
  metricThrows: { name: 'a metric that throws', task: 'faulty-metric-throws' },
  metricShape: { name: 'a metric that returns a string', task: 'faulty-metric-shape' },
} satisfies Record<string, PluginCase>;
type CaseKey = keyof typeof CASES;

let project: MemeProject;
const results = new Map<CaseKey, BatchResult>();

function caseConfig(key: CaseKey): string[] {
  const c: PluginCase = CASES[key];
  const config = writeConfig(
    project.dir,
    {
      plugins: ['./faulty.ts', ...(c.plugins ?? [])],
      models: { m: { use: 'faulty/model', behaviour: 'fine', concurrency: 2, timeoutMs: 300, retries: 1, ...c.model } },
      tasks: { t: { use: c.task ?? 'faulty-task', dataset: { path: 'data' }, options: { behaviour: c.taskBehaviour ?? 'fine' } } },
      bootstrap: { samples: 50 },
    },
    `${key}.config.ts`,
  );
  return ['run', '-c', config, '--out', join(project.dir, `runs-${key}`)];
}

beforeAll(async () => {
  project = await memeProject('faults-plugins', 6);
  writeFileSync(join(project.dir, 'faulty.ts'), FAULTY_PLUGIN);
  writeFileSync(join(project.dir, 'broken.ts'), "throw new Error('boom at import');\nexport default {};\n");
  // A plugin that hangs could hold the whole batch: it runs in a batch of its own, with a deadline.
  const keys = (Object.keys(CASES) as CaseKey[]).filter((key) => key !== 'hangs');
  const [main, hanging] = await Promise.all([
    benchBatch(keys.map((key) => ({ args: caseConfig(key) }))),
    benchAlone({ args: caseConfig('hangs') }, 15_000),
  ]);
  keys.forEach((key, i) => results.set(key, main[i]!));
  results.set('hangs', hanging);
}, 120_000);

const records = (key: CaseKey): Map<string, PredictionRecord> => readPredictions(predictionsPath(onlyRun(join(project.dir, `runs-${key}`)), 't', 'm')).records;
const errorLines = (key: CaseKey) => results.get(key)!.stderr.split('\n').filter((line) => line.startsWith('error:'));

/** Samples not in `failed` were answered; each of `failed` carries a one-line error matching its reason. */
function expectOnlyFailed(key: CaseKey, failed: Readonly<Record<string, RegExp>>): void {
  const all = [...records(key).values()];
  expect(all.map((r) => r.id).sort()).toEqual(['0', '1', '2', '3', '4', '5']);
  expect(Object.fromEntries(all.filter((r) => r.error !== null).map((r) => [r.id, r.error]))).toEqual(
    Object.fromEntries(Object.entries(failed).map(([id, reason]) => [id, expect.stringMatching(reason)])),
  );
  for (const r of all.filter((r) => r.error !== null)) expect(r.error).not.toContain('\n');
  expect(all.filter((r) => r.error === null).every((r) => r.output === 'Yes')).toBe(true);
}

describe('plugins that fail before any work: exit 2, one line', () => {
  it(CASES.importThrows.name, () => {
    expectOneLineError(results.get('importThrows')!, 2, 'error: config ./broken.ts: failed to load (boom at import); fix or remove this plugin');
  });
  it(CASES.createThrows.name, () => {
    expectOneLineError(results.get('createThrows')!, 2, 'error: models.m: no weights at /models/faulty');
  });
});

describe('model calls that misbehave cost only their sample (exit 1)', () => {
  it(CASES.generateThrows.name, () => {
    expect(results.get('generateThrows')!.code).toBe(1);
    expect(errorLines('generateThrows')).toEqual([]);
    expectOnlyFailed('generateThrows', { 2: /^plugin bug: cannot read the reply$/, 4: /^plugin bug: cannot read the reply$/ });
  });
  it.each((['undefinedResult', 'numberText'] as const).map((key) => [CASES[key].name, key] as const))('%s: the sample is recorded as failed, naming the bad result', (_name, key) => {
    expect(results.get(key)!.code).toBe(1);
    expect(errorLines(key)).toEqual([]);
    expectOnlyFailed(key, { 2: /^model plugin error: .*text/, 4: /^model plugin error: .*text/ });
  });
  it(CASES.hangs.name, () => {
    expect(results.get('hangs')!.code).toBe(1);
    expectOnlyFailed('hangs', { 2: /^.*no answer within 300 ms$/, 4: /^.*no answer within 300 ms$/ });
    expect(records('hangs').get('2')!.attempts).toBe(2);
  });
});

describe('task calls that misbehave', () => {
  it(`${CASES.promptThrows.name}: its sample is recorded as failed (exit 1)`, () => {
    expect(results.get('promptThrows')!.code).toBe(1);
    expectOnlyFailed('promptThrows', { 2: /^prompt failed: template variable \{caption\} missing$/ });
  });
  it.each((['parseThrows', 'parseUndefined'] as const).map((key) => [CASES[key].name, key] as const))('%s: the answer counts as invalid, nothing fails (exit 0)', (_name, key) => {
    expect(results.get(key)!.code).toBe(0);
    expectOnlyFailed(key, {});
    expect(records(key).get('2')).toMatchObject({ output: 'Yes', prediction: null, valid: false, error: null });
  });
  it(`${CASES.loadThrows.name}: one error line naming the pair, samples read before are kept (exit 1)`, () => {
    expect(results.get('loadThrows')!.code).toBe(1);
    expect(errorLines('loadThrows')).toEqual(['error: t x m: dataset connection lost at row 3']);
    expect([...records('loadThrows').values()].filter((r) => r.error === null).map((r) => r.id).sort()).toEqual(['0', '1', '2']);
  });
  it(`${CASES.loadNull.name}: one error line naming the pair, samples read before are kept (exit 1)`, () => {
    expect(results.get('loadNull')!.code).toBe(1);
    expect(errorLines('loadNull')).toEqual([expect.stringMatching(/^error: t x m: .+/)]);
    expect([...records('loadNull').values()].filter((r) => r.error === null).map((r) => r.id).sort()).toEqual(expect.arrayContaining(['0', '1', '2']));
  });
});

describe('metrics that misbehave: one error line naming the metric, every prediction kept', () => {
  it(CASES.metricThrows.name, () => {
    expect(results.get('metricThrows')!.code).toBe(1);
    expect(errorLines('metricThrows')).toEqual([expect.stringMatching(/faulty-throws.*division by zero/)]);
    expect(records('metricThrows').size).toBe(6);
  });
  it(CASES.metricShape.name, () => {
    expect(results.get('metricShape')!.code).toBe(1);
    expect(errorLines('metricShape')).toEqual([expect.stringContaining('faulty-shape')]);
    expect(records('metricShape').size).toBe(6);
  });
});
