/**
 * The fuzzed contracts of the parsers and readers, as fast-check properties. They run in a child
 * process (fuzz-entry.ts) that reports each case before running it, so a case that never returns (a
 * sync loop, a promise that never settles) is caught by the host's watchdog and named.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Row, Sample, TaskPlugin } from '../../../core/contracts/index.js';
import { loadConfig } from '../../../core/config/load.js';
import { createCsvSource } from '../../../core/data/csv-source.js';
import { createJsonlSource } from '../../../core/data/jsonl-source.js';
import { createParquetSource } from '../../../core/data/parquet-source.js';
import { ROW_ERROR } from '../../../core/data/row-error.js';
import { UsageError } from '../../../core/errors.js';
import { DEFAULT_IMAGE_BUDGET } from '../../../core/images/image-budget.js';
import { ImagePreparer } from '../../../core/images/image-preparer.js';
import { parseScore } from '../../../core/pipeline/judge.js';
import { parseRetryAfter } from '../../../core/scheduler/retry-policy.js';
import { PredictionsWriter, readPredictions } from '../../../core/store/predictions-file.js';
import { builtinTasks } from '../../../plugins/tasks/index.js';
import { hateSpeech } from '../../../plugins/tasks/hate-speech.js';
import { makeRows, writeParquet } from '../../data/parquet-fixture.js';
import { HEAVY } from './heavy.js';

/** Reports a case before it runs (the child sends it to the host). */
export type Beat = (input: string) => void;

export interface FuzzProperty {
  readonly name: string;
  /** Cases in `npm test`; MMSOC_HEAVY=1 runs ten times as many. */
  readonly runs: number;
  build(beat: Beat): fc.IProperty<any> | fc.IAsyncProperty<any>;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'mmsoc-fuzz-'));

function show(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes: ${Buffer.from(value.subarray(0, 48)).toString('hex')}`;
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}... (${text.length} characters as JSON)` : text;
}

/** A message the CLI can print as one line: no line feed, no carriage return. */
const oneLine = (message: string) => !/[\n\r]/.test(message);

/**
 * Model outputs: arbitrary text, unicode, label soup with reasoning tags and quotes, and long runs of
 * one token (up to 35 kB; with MMSOC_HEAVY=1 up to 1.4 MB, where a quadratic parser would hang).
 */
const outputs = (words: readonly string[]) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.array(fc.constantFrom(...words, 'not', 'no', 'yes', '<think>', '</think>', '"', '\u201C', '**', '\n', ',', '.', ';', ':', 'Score', '5/5', '-', '_', ' '), { maxLength: 60 }).map((parts) => parts.join(' ')),
    fc.tuple(fc.constantFrom('"', '<think>', ' ', 'a', ',', '\n', 'Score: '), fc.integer({ min: 1000, max: HEAVY ? 200_000 : 5_000 })).map(([unit, n]) => unit.repeat(n)),
  );

function taskWords(task: TaskPlugin<any, any>): string[] {
  return [...(task.labels ?? []), ...(task.labels ?? []).map((label) => label.replace(/_/g, ' '))];
}

const parsers: FuzzProperty = {
  name: 'every task parser, the judge score parser and the Retry-After parser: never throw, well-formed results',
  runs: 150,
  build: (beat) => {
    const tasks = builtinTasks as readonly TaskPlugin<any, any>[];
    const words = tasks.flatMap(taskWords);
    return fc.property(fc.constantFrom(...tasks), outputs(words), (task, output) => {
      beat(`${task.id}: ${show(output)}`);
      const sample: Sample = { id: 's', gold: null };
      const result = task.parse(output, sample, task.options?.({}) ?? {});
      if (typeof result?.valid !== 'boolean') throw new Error(`${task.id}: parse returned ${show(result)}`);
      if (result.valid && result.value === null) throw new Error(`${task.id}: valid without a value`);
      if (task.kind === 'classification' && result.value !== null && !task.labels!.includes(result.value as string)) {
        throw new Error(`${task.id}: value ${show(result.value)} is not a label`);
      }
      const score = parseScore(output);
      if (score.value !== null && !(Number.isInteger(score.value) && score.value >= 1 && score.value <= 5)) throw new Error(`score ${score.value}`);
      const delay = parseRetryAfter(output, Date.now());
      if (delay !== undefined && !(Number.isFinite(delay) && delay >= 0)) throw new Error(`Retry-After ${show(output)} -> ${delay}`);
    });
  },
};

/** Bytes that look like a predictions file: records, garbage, invalid UTF-8, torn lines. */
const predictionBytes = fc
  .array(
    fc.oneof(
      fc.record({ id: fc.string({ maxLength: 6 }), error: fc.constantFrom(null, 'HTTP 503'), output: fc.string({ unit: 'grapheme', maxLength: 12 }) }).map((r) => Buffer.from(JSON.stringify(r))),
      fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b)),
      fc.constant(Buffer.from('\n')),
    ),
    { maxLength: 12 },
  )
  .map((parts) => new Uint8Array(Buffer.concat(parts)));

const predictionsFile: FuzzProperty = {
  name: 'the predictions reader on random bytes: never throws, and a record appended after it is read back with every earlier one',
  runs: 200,
  build: (beat) => {
    const dir = scratch();
    let n = 0;
    return fc.property(predictionBytes, (bytes) => {
      beat(show(bytes));
      const path = join(dir, `${n++}.jsonl`);
      writeFileSync(path, bytes);
      const before = readPredictions(path);
      if (before.goodLength > bytes.length) throw new Error(`goodLength ${before.goodLength} beyond the file's ${bytes.length} bytes`);
      const writer = new PredictionsWriter(path, before.goodLength);
      writer.append({ id: '\u0000appended', hash: '', output: 'Yes', prediction: 'x', gold: 'x', valid: true, error: null, latencyMs: 1 });
      writer.close();
      const after = readPredictions(path);
      if (!after.records.has('\u0000appended')) throw new Error('the appended record cannot be read back');
      for (const id of before.records.keys()) if (!after.records.has(id)) throw new Error(`record ${show(id)} lost by the append`);
    });
  },
};

/** Reads a whole split through a task's load, checking every row and item. */
async function readAll(rows: AsyncIterable<Row>, items: AsyncIterable<unknown>): Promise<void> {
  for await (const row of rows) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new Error(`row ${show(row)} is not an object`);
    const reason = row[ROW_ERROR];
    if (reason !== undefined && (typeof reason !== 'string' || !oneLine(reason))) throw new Error(`bad ${ROW_ERROR} ${show(reason)}`);
  }
  for await (const item of items) {
    const { id, skipped } = item as { id?: unknown; skipped?: unknown };
    if (typeof id !== 'string') throw new Error(`item without a string id: ${show(item)}`);
    if (skipped !== undefined && (typeof skipped !== 'string' || !oneLine(skipped))) throw new Error(`bad skip reason ${show(skipped)}`);
  }
}

/** Random bytes, biased towards the format's own syntax. */
const textBytes = (syntax: readonly string[]) =>
  fc
    .array(fc.oneof(fc.constantFrom(...syntax).map((s) => Buffer.from(s)), fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b))), { maxLength: 40 })
    .map((parts) => new Uint8Array(Buffer.concat(parts)));

function sourceProperty(name: string, file: string, syntax: readonly string[], open: (root: string) => ReturnType<typeof createJsonlSource>): FuzzProperty {
  return {
    name,
    runs: 120,
    build: (beat) => {
      let n = 0;
      const base = scratch();
      return fc.asyncProperty(textBytes(syntax), async (bytes) => {
        beat(show(bytes));
        const root = join(base, String(n++));
        mkdirSync(root);
        writeFileSync(join(root, file), bytes);
        const source = open(root);
        await source.count?.('test');
        await readAll(source.rows('test'), hateSpeech.load(source, 'test', {} as never));
      });
    },
  };
}

const jsonl = sourceProperty('the JSONL source and a task reading it, on random bytes: no throw, bad lines become one-line __error rows and skipped samples', 'test.jsonl', ['{', '}', '"id"', ':', '1', ',', '"label"', '"image"', '"a.png"', '\n', '\r\n', '\uFEFF', '[', ']', 'null'], createJsonlSource);
const csv = sourceProperty('the CSV source and a task reading it, on random bytes: no throw, bad records become one-line __error rows and skipped samples', 'test.csv', ['id,image,label,text\n', ',', '"', '""', '\n', '\r\n', '1', 'a.png', '\uFEFF', ' '], createCsvSource);

const parquet: FuzzProperty = {
  name: 'the parquet source on a valid file with random bytes changed: rows or one-line errors naming the file, never a hang',
  runs: 60,
  build: (beat) => {
    const dir = scratch();
    const valid = join(dir, 'valid.parquet');
    writeParquet(valid, makeRows(12), { codec: 'SNAPPY', rowGroupSize: 4 });
    const original = readFileSync(valid);
    let n = 0;
    const flips = fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
    return fc.asyncProperty(flips, async (changes) => {
      beat(show(changes));
      const root = join(dir, String(n++));
      const file = join(root, 'data', 'test-00000-of-00001.parquet');
      mkdirSync(join(root, 'data'), { recursive: true });
      const bytes = Buffer.from(original);
      for (const [at, value] of changes) bytes[at] = value;
      writeFileSync(file, bytes);
      const source = createParquetSource(root);
      for (const read of [() => source.count!('test'), () => readAll(source.rows('test'), hateSpeech.load(source, 'test', {} as never))]) {
        try {
          await read();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (!oneLine(message) || !message.includes(file)) throw new Error(`error not one line naming the file: ${show(message)}`);
        }
      }
    });
  },
};

const images: FuzzProperty = {
  name: 'the image preparer on random bytes and damaged PNGs: an image or a one-line error, never a hang',
  runs: 60,
  build: (beat) => {
    const preparer = new ImagePreparer();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000004000000040802000000269309290000001349444154789c63f8cfc0f09f81e13f13033c0000d3bf0a4d7c1e83e40000000049454e44ae426082', 'hex');
    const damaged = fc.array(fc.tuple(fc.nat({ max: png.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((changes) => {
      const bytes = new Uint8Array(png);
      for (const [at, value] of changes) bytes[at] = value;
      return bytes;
    });
    return fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 200 }), damaged), async (bytes) => {
      beat(show(bytes));
      try {
        await preparer.prepare(bytes, DEFAULT_IMAGE_BUDGET);
      } catch (error) {
        if (!(error instanceof Error) || !oneLine(error.message)) throw new Error(`not a one-line Error: ${show(String(error))}`);
      }
    });
  },
};

/** Config-shaped objects: the schema's keys with random values, unknown keys, and any JSON at all. */
const configObjects = (() => {
  const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary-ascii', maxLength: 12 }));
  const key = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.string({ unit: fc.constantFrom('a', '.', ' ', '"', '\n', '\r', '\t', '\u2028'), maxLength: 6 }),
    fc.constantFrom('use', 'endpoint', 'concurrency', 'hate-speech', 'dataset'),
  );
  const model = fc.record(
    { use: fc.oneof(fc.constantFrom('openai-compatible', 'baseline/majority'), anyValue), endpoint: fc.oneof(fc.constant('http://127.0.0.1:9/v1'), anyValue), concurrency: anyValue, retries: anyValue, timeoutMs: anyValue, image: anyValue },
    { requiredKeys: [] },
  );
  const task = fc.record({ use: anyValue, dataset: fc.oneof(fc.record({ path: anyValue, format: anyValue, columns: anyValue }, { requiredKeys: [] }), anyValue), split: anyValue, limit: anyValue, options: anyValue }, { requiredKeys: [] });
  const config = fc.record(
    { output: anyValue, plugins: fc.oneof(fc.array(fc.string()), anyValue), seed: anyValue, bootstrap: anyValue, models: fc.oneof(fc.dictionary(key, model, { maxKeys: 3 }), anyValue), tasks: fc.oneof(fc.dictionary(key, task, { maxKeys: 3 }), anyValue) },
    { requiredKeys: [] },
  );
  // A valid config with one odd key added: at the top, in a task, in a dataset.
  const valid = () => ({ models: { m: { use: 'baseline/majority' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } } });
  const oddKey = fc.tuple(key, fc.constantFrom('top', 'task', 'dataset'), anyValue).map(([k, where, value]) => {
    const c = valid();
    const target: Record<string, unknown> = where === 'top' ? c : where === 'task' ? c.tasks['hate-speech'] : c.tasks['hate-speech'].dataset;
    target[k] = value;
    return c;
  });
  return fc.oneof(config, oddKey, fc.tuple(config, fc.dictionary(key, anyValue, { maxKeys: 2 })).map(([c, extra]) => ({ ...extra, ...c })), fc.jsonValue({ maxDepth: 3 }));
})();

const config: FuzzProperty = {
  name: 'the config loader on random config-shaped objects: a config, or a UsageError in one line naming the file',
  runs: 120,
  build: (beat) => {
    const dir = scratch();
    let n = 0;
    return fc.asyncProperty(configObjects, async (object) => {
      beat(show(object));
      const name = `c${n++}.config.mjs`;
      writeFileSync(join(dir, name), `export default ${JSON.stringify(object)};\n`);
      try {
        await loadConfig(name, dir);
      } catch (error) {
        if (!(error instanceof UsageError)) throw new Error(`not a UsageError: ${String(error)}`);
        if (!oneLine(error.message) || !error.message.startsWith(`${name}: `)) throw new Error(`not one line naming the file: ${show(error.message)}`);
      }
    });
  },
};

export const FUZZ_PROPERTIES: readonly FuzzProperty[] = [parsers, predictionsFile, jsonl, csv, parquet, images, config];
