import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';
import { benchBatch, type BatchResult } from './lib/cli-batch.js';
import { expectOneLineError } from './lib/one-line.js';
import { memeProject, type MemeProject } from './lib/project.js';
import { snapshot } from './lib/run-folder.js';

/**
 * Bad configs, each run as `bench run -c FILE` by the real CLI (one child process for all): exit 2,
 * one line on stderr naming the file and the key, nothing on stdout, and the finished run already in
 * the project's output folder left byte for byte as it was.
 */
const VALID = {
  output: 'runs',
  models: { m: { use: 'baseline/majority' } },
  tasks: { 'hate-speech': { dataset: { path: 'data' }, trainSplit: 'validation' } },
  bootstrap: { samples: 50 },
};

type Source = { readonly object: unknown } | { readonly text: string | Buffer } | { readonly folder: true } | { readonly missing: true };

/** Name, config file content, expected line. */
const CASES: ReadonlyArray<readonly [string, Source, string | RegExp]> = [
  ['wrong type: a string for a number', { object: { ...VALID, models: { m: { use: 'baseline/majority', concurrency: 'many' } } } }, 'error: c.config.ts: models.m.concurrency = "many": expected number, received string'],
  ['wrong type: a negative limit', { object: { ...VALID, tasks: { 'hate-speech': { limit: -5 } } } }, /^error: c\.config\.ts: tasks\.hate-speech\.limit = -5: Too small: expected number to be >0$/],
  ['wrong type: a string for the seed', { object: { ...VALID, seed: 'x' } }, 'error: c.config.ts: seed = "x": expected number, received string'],
  // retries 0 and a limit keep the run short if the endpoint slips through validation.
  ['wrong type: an endpoint without http://', { object: { ...VALID, models: { m: { use: 'openai-compatible', endpoint: 'gpu-1:8000', model: 'x', retries: 0 } }, tasks: { 'hate-speech': { dataset: { path: 'data' }, limit: 3 } } } }, /^error: .*models\.m\.endpoint.*gpu-1:8000/],
  ['wrong type: plugins as a string', { object: { ...VALID, plugins: './p.ts' } }, 'error: c.config.ts: plugins = "./p.ts": expected array, received string'],
  ['wrong type: models as a list', { object: { ...VALID, models: [{ use: 'baseline/majority' }] } }, /^error: c\.config\.ts: models = \[.*\]: expected record, received array$/],
  ['unknown key at the top', { object: { ...VALID, modles: {} } }, 'error: c.config.ts: modles: unknown key'],
  ['unknown key in a task', { object: { ...VALID, tasks: { 'hate-speech': { spilt: 'test' } } } }, 'error: c.config.ts: tasks.hate-speech.spilt: unknown key'],
  ['unknown key in a dataset', { object: { ...VALID, tasks: { 'hate-speech': { dataset: { path: 'data', colums: {} } } } } }, 'error: c.config.ts: tasks.hate-speech.dataset.colums: unknown key'],
  ['unknown key of a model plugin', { object: { ...VALID, models: { m: { use: 'openai-compatible', endpoint: 'http://127.0.0.1:9/v1', model: 'x', temprature: 0 } } } }, 'error: models.m.temprature: unknown key'],
  ['no model', { object: { ...VALID, models: {} } }, 'error: c.config.ts: models = {}: at least one model is required'],
  ['an API key written into the config (keys come from the environment only)', { object: { ...VALID, models: { m: { use: 'openai-compatible', endpoint: 'http://127.0.0.1:9/v1', model: 'x', apiKey: 'sk-in-the-config' } } } }, 'error: models.m.apiKey: unknown key'],
  ['missing env var for a key', { object: { ...VALID, models: { m: { use: 'openai-compatible', endpoint: 'http://127.0.0.1:9/v1', model: 'x', apiKeyEnv: 'MMSOC_UNSET_KEY' } } } }, 'error: models.m: apiKeyEnv: environment variable MMSOC_UNSET_KEY is not set'],
  ['a missing file', { missing: true }, 'error: c.config.ts: config file not found (create it, or pass -c FILE)'],
  ['a folder instead of a file', { folder: true }, /^error: c\.config\.ts: cannot load: .+$/],
  // The line must say what is wrong and where, not only that loading failed.
  ['a syntax error', { text: 'export default { models: { m: { use: "baseline/majority" } ' }, /^error: c\.config\.ts: cannot load: .*1:\d+.*(Expected|Unexpected).*end of file/],
  ['binary garbage', { text: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xff, 0xfe, 0x00, 0x01, 0x9c, 0x0a, 0xc3]) }, /^error: c\.config\.ts: cannot load: .*1:\d+.*(Expected|Unexpected)/],
  ['a config that throws', { text: "throw new Error('cannot read secrets.json');\nexport default {};\n" }, 'error: c.config.ts: cannot load: cannot read secrets.json'],
  ['no default export', { text: 'export const config = {};\n' }, 'error: c.config.ts: no default export; write `export default defineConfig({ ... })`'],
  ['a default export that is not an object', { text: 'export default 42;\n' }, /^error: c\.config\.ts: \(root\) = 42: expected object, received number$/],
];

let project: MemeProject;
let results: BatchResult[];
let before: Map<string, string>;
let after: Map<string, string>;

beforeAll(async () => {
  project = await memeProject('faults-config', 6);
  const good = await benchInProcess(['run', '-c', writeCase(project.dir, 'good', { object: VALID })]);
  expect(good.code).toBe(0);
  before = snapshot(join(project.dir, 'runs'));
  results = await benchBatch(
    CASES.map(([_, source], i) => ({ args: ['run', '-c', 'c.config.ts'], cwd: caseDir(i, source) })),
  );
  after = snapshot(join(project.dir, 'runs'));
}, 120_000);

/** Each case in a folder of its own next to the data (`c.config.ts`), so the error names the same file. */
function caseDir(index: number, source: Source): string {
  const dir = join(project.dir, `case-${index}`);
  mkdirSync(dir);
  writeCase(dir, 'c', source);
  return dir;
}

function writeCase(dir: string, name: string, source: Source): string {
  const path = join(dir, `${name}.config.ts`);
  if ('object' in source) {
    const object = JSON.parse(JSON.stringify(source.object).replaceAll('"path":"data"', `"path":${JSON.stringify(project.data)}`).replaceAll('"output":"runs"', `"output":${JSON.stringify(join(project.dir, 'runs'))}`));
    writeFileSync(path, `export default ${JSON.stringify(object, null, 2)};\n`);
  } else if ('text' in source) writeFileSync(path, source.text);
  else if ('folder' in source) mkdirSync(path);
  return path;
}

describe('bad configs', () => {
  it.each(CASES.map(([name, , expected], i) => [name, i, expected] as const))('%s: exit 2 and one line', (_name, index, expected) => {
    expectOneLineError(results[index]!, 2, expected);
  });

  it('leave the finished run in the output folder untouched', () => {
    expect(before.size).toBeGreaterThan(3);
    expect(new Map([...before.keys()].map((file) => [file, after.get(file)]))).toEqual(before);
  });
});
