import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parquetMetadata } from 'hyparquet';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import { tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';
import { makeRows, writeParquet } from '../data/parquet-fixture.js';
import { csvVariant, jsonlVariant, parquetVariant, pngClaiming, ROWS } from './lib/bad-datasets.js';
import { benchAlone, benchBatch, type BatchResult } from './lib/cli-batch.js';
import { latestRecords, metricsOf, onlyRun } from './lib/run-folder.js';

/**
 * Bad datasets evaluated by the real CLI (one child process for all cases) against a healthy model
 * server: a bad row costs its own sample (recorded as skipped with a one-line reason naming the row,
 * column or file), every good row is answered in the same run, and a file that cannot be read at all
 * stops only its task, in one error line naming the file.
 */
interface DataCase {
  readonly name: string;
  readonly build: (dir: string) => Promise<string>;
  readonly code: number;
  /** Skipped sample id -> its reason. */
  readonly skipped?: Readonly<Record<string, RegExp>>;
  /** Ids answered without error. */
  readonly answered: readonly string[];
  /** The one `error:` line the run prints, when the task cannot be read. */
  readonly errorLine?: RegExp;
}

const ids = (...list: number[]) => list.map(String);
const ALL = ids(...Array.from({ length: ROWS }, (_, i) => i));
const except = (...skipped: number[]) => ALL.filter((id) => !skipped.map(String).includes(id));

/** Overwrites bytes of the first page of each of `groups` (its page header) with 0xff. */
const damageRowGroups = (...groups: number[]) => (bytes: Buffer): Buffer => {
  const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
  const out = Buffer.from(bytes);
  for (const group of groups) {
    const offset = Number(metadata.row_groups[group]!.columns[0]!.meta_data!.data_page_offset);
    out.fill(0xff, offset, offset + 12);
  }
  return out;
};

/** Bytes that look like nothing: a deterministic scramble, without line breaks (so one line). */
const randomBytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256).filter((b) => b !== 0x0a && b !== 0x0d));

const CASES: readonly DataCase[] = [
  {
    name: 'missing label column in two rows',
    build: (dir) => jsonlVariant(dir, (rows) => rows.map(({ label, ...rest }) => (rest.id === 1 || rest.id === 4 ? { ...rest } : { ...rest, label })) as never),
    code: 0,
    skipped: { 1: /^label missing is not one of the known values$/, 4: /^label missing is not one of the known values$/ },
    answered: except(1, 4),
  },
  {
    name: 'missing image column in a row',
    build: (dir) => jsonlVariant(dir, (rows) => rows.map(({ image, ...rest }) => (rest.id === 2 ? rest : { ...rest, image })) as never),
    code: 0,
    skipped: { 2: /^no image in column 'image'$/ },
    answered: except(2),
  },
  {
    name: 'wrong label values',
    build: (dir) => {
      const labels = new Map<number, unknown>([[0, 7], [3, 'yes'], [5, null]]);
      return jsonlVariant(dir, (rows) => rows.map((r) => ({ ...r, label: labels.has(r.id) ? labels.get(r.id) : r.label })) as never);
    },
    code: 0,
    skipped: { 0: /^label 7 is not one of the known values$/, 3: /^label "yes" is not one of the known values$/, 5: /^label null is not one of the known values$/ },
    answered: except(0, 3, 5),
  },
  {
    name: 'a line that is not JSON',
    build: (dir) => jsonlVariant(dir, (rows) => rows.map((r) => (r.id === 3 ? '{"id": 3, "image": ' : r))),
    code: 0,
    skipped: { 'row-3': /^line 4: .+$/ },
    answered: except(3),
  },
  {
    name: 'a line that is a JSON array',
    build: (dir) => jsonlVariant(dir, (rows) => rows.map((r) => (r.id === 2 ? '[2, "img/2.png", 0]' : r))),
    code: 0,
    skipped: { 'row-2': /^line 3: not a JSON object$/ },
    answered: except(2),
  },
  {
    name: 'non-UTF-8 bytes in the text',
    build: (dir) =>
      jsonlVariant(dir, (rows) => rows.map((r) => (r.id === 1 ? Buffer.concat([Buffer.from('{"id":1,"image":"img/1.png","label":0,"text":"caf'), Buffer.from([0xe9, 0x20, 0xff, 0xfe]), Buffer.from('"}')]) : r))),
    code: 0,
    answered: ALL,
  },
  {
    name: 'an undecodable image',
    build: (dir) => jsonlVariant(dir, (rows, root) => (writeFileSync(join(root, 'img/2.png'), Buffer.concat([pngClaiming(4, 4).subarray(0, 16), Buffer.alloc(64, 0xab)])), rows)),
    code: 0,
    skipped: { 2: /^image img\/2\.png: .+$/ },
    answered: except(2),
  },
  {
    name: 'a file that is not an image',
    build: (dir) => jsonlVariant(dir, (rows, root) => (writeFileSync(join(root, 'img/3.png'), 'hello, I am text'), rows)),
    code: 0,
    skipped: { 3: /^image img\/3\.png: not a PNG, JPEG, GIF or WebP image$/ },
    answered: except(3),
  },
  {
    name: 'a missing image file',
    build: (dir) => jsonlVariant(dir, (rows, root) => (rmSync(join(root, 'img/4.png')), rows)),
    code: 0,
    skipped: { 4: /^image img\/4\.png: .*ENOENT.*$/ },
    answered: except(4),
  },
  {
    name: 'an image path outside the dataset folder',
    build: (dir) => jsonlVariant(dir, (rows) => rows.map((r) => (r.id === 5 ? { ...r, image: '../../../../etc/passwd' } : r))),
    code: 0,
    skipped: { 5: /^image \.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd: path '.*' is outside the dataset folder .+$/ },
    answered: except(5),
  },
  {
    name: 'a huge image (header claims 100000 x 100000 pixels)',
    build: (dir) => jsonlVariant(dir, (rows, root) => (writeFileSync(join(root, 'img/1.png'), pngClaiming(100_000, 100_000)), rows)),
    code: 0,
    skipped: { 1: /^image img\/1\.png: .+$/ },
    answered: except(1),
  },
  {
    name: 'a CSV record with a missing field and Latin-1 text',
    build: (dir) =>
      csvVariant(dir, (lines) => lines.map((line, i) => (i === 3 ? Buffer.from('2,img/2.png') : i === 5 ? Buffer.concat([Buffer.from('4,img/4.png,0,"caf'), Buffer.from([0xe9]), Buffer.from('"')]) : line))),
    code: 0,
    skipped: { 'row-2': /^line 4: .+$/ },
    answered: except(2),
  },
  {
    name: 'a parquet file whose footer is corrupt',
    build: (dir) => parquetVariant(dir, (bytes) => Buffer.concat([bytes.subarray(0, bytes.length - 8), Buffer.from('garbage!')])),
    code: 2,
    answered: [],
    errorLine: /^error: hate-speech x llava: .*test-00000-of-00001\.parquet: not a readable parquet file: .+$/,
  },
  {
    name: 'a parquet row group that cannot be decoded',
    build: (dir) => parquetVariant(dir, damageRowGroups(0)),
    code: 0,
    skipped: Object.fromEntries([0, 1, 2].map((i) => [`row-${i}`, /^.*test-00000-of-00001\.parquet: row group 0 \(rows 0-2\): .+$/])),
    answered: ids(3, 4, 5),
  },
  {
    name: 'a dataset file of random bytes: no row can be read',
    build: (dir) => jsonlVariant(dir, () => [randomBytes]),
    code: 2,
    skipped: { 'row-0': /^line 1: .+$/ },
    answered: [],
    errorLine: /^error: hate-speech x llava: .*data-\d+: 1 of 1 rows of split test could not be used \(first: line 1: .+\); fix the dataset of task hate-speech$/,
  },
  {
    name: 'a parquet file whose middle is corrupt (row groups 1-4 of 6): most rows cannot be read',
    build: (dir) => parquetVariant(dir, damageRowGroups(1, 2, 3, 4), 1),
    code: 2,
    skipped: Object.fromEntries([1, 2, 3, 4].map((i) => [`row-${i}`, new RegExp(`^.*test-00000-of-00001\\.parquet: row group ${i} \\(rows ${i}-${i}\\): .+$`)])),
    // The readable rows are still answered and written before the run stops on the data.
    answered: ids(0, 5),
    errorLine: /^error: hate-speech x llava: .*data-\d+: 4 of 6 rows of split test could not be used \(first: .*row group 1 .+\); fix the dataset of task hate-speech$/,
  },
];

/**
 * Byte changes (offset, value) to a 12-row parquet file of makeRows (SNAPPY, row groups of 4) found by
 * the fuzz suite: several column reads of one row group fail at once inside the parquet reader.
 */
const SEVERAL_BROKEN_COLUMNS: ReadonlyArray<readonly [number, number]> = [[503, 254], [2984, 71], [1095, 25], [2686, 54], [1309, 77], [3177, 74], [2490, 75], [2966, 82]];

async function severalBrokenColumns(dir: string): Promise<string> {
  const file = join(dir, 'data', 'test-00000-of-00001.parquet');
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeParquet(file, makeRows(12), { codec: 'SNAPPY', rowGroupSize: 4 });
  const bytes = readFileSync(file);
  for (const [at, value] of SEVERAL_BROKEN_COLUMNS) bytes[at] = value;
  writeFileSync(file, bytes);
  return dir;
}

let server: FakeOpenAIServer;
let root: string;
let results: BatchResult[];
let crashCase: BatchResult;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  root = tempDir('faults-data');
  const runOf = (data: string, name: string) => {
    const config = writeConfig(root, {
      models: { llava: { use: 'openai-compatible', endpoint: server.url, model: 'llava', concurrency: 2, retries: 1 } },
      tasks: { 'hate-speech': { dataset: { path: data }, split: 'test' } },
      bootstrap: { samples: 50 },
    }, `${name}.config.ts`);
    return { args: ['run', '-c', config, '--out', join(root, `runs-${name}`)] };
  };
  const cases = [];
  for (const [i, dataCase] of CASES.entries()) cases.push(runOf(await dataCase.build(join(root, `data-${i}`)), String(i)));
  // A crash would end the whole batch: this case runs in a batch of its own.
  const crash = runOf(await severalBrokenColumns(join(root, 'data-crash')), 'crash');
  [results, crashCase] = await Promise.all([benchBatch(cases), benchAlone(crash)]);
}, 120_000);
afterAll(() => server.close());

describe('bad datasets', () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, index) => {
    const dataCase = CASES[index]!;
    const result = results[index]!;
    expect(result.code).toBe(dataCase.code);
    const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errorLines).toEqual(dataCase.errorLine ? [expect.stringMatching(dataCase.errorLine)] : []);
    // A run that answered nothing leaves no folder behind.
    if (dataCase.answered.length === 0 && !dataCase.skipped) return expect(readdirSync(join(root, `runs-${index}`))).toEqual([]);
    const runDir = onlyRun(join(root, `runs-${index}`));
    const records = [...latestRecords(runDir).values()];
    const skipped = Object.fromEntries(records.filter((r) => r.skipped).map((r) => [r.id, r.error]));
    expect(skipped).toEqual(Object.fromEntries(Object.entries(dataCase.skipped ?? {}).map(([id, reason]) => [id, expect.stringMatching(reason)])));
    const answered = (r: PredictionRecord) => !r.skipped && r.error === null && r.output !== null;
    expect(records.filter(answered).map((r) => r.id).sort()).toEqual([...dataCase.answered].sort());
    if (dataCase.code === 0) expect(metricsOf(runDir).counts['hate-speech']!.llava!.skipped).toBe(Object.keys(dataCase.skipped ?? {}).length);
  });
});

describe('a parquet file damaged in several columns of a row group', () => {
  it('has its rows skipped, and the run does not crash: one error line, exit 2 (no row could be read)', () => {
    // No stack trace: the reader's own message may appear only as the quoted first reason.
    expect(crashCase.stderr).not.toMatch(/\n\s+at /);
    expect(crashCase.code).toBe(2);
    expect(crashCase.stderr.split('\n').filter((line) => line.startsWith('error:'))).toEqual([expect.stringMatching(/12 of 12 rows of split test could not be used/)]);
    const records = [...latestRecords(onlyRun(join(root, 'runs-crash'))).values()];
    expect(records).toHaveLength(12);
    for (const record of records) {
      expect(record.skipped).toBe(true);
      expect(record.error).not.toContain('\n');
    }
  });
});
