import { afterAll, describe, expect, jest, test } from '@jest/globals';
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import type { Row } from '../../core/contracts/sample.js';
import { createParquetSource } from '../../core/data/parquet-source.js';
import { tempDir } from '../fixtures/datasets.js';
import { openFileCount } from './open-files.js';
import { hasZstd, makeRows, writeParquet, type Codec, type ImageRow } from './parquet-fixture.js';
import { collect } from '../fixtures/collect.js';

const dirs: string[] = [];
function dataset(): string {
  const dir = tempDir('parquet');
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));


function write(root: string, rel: string, rows: readonly ImageRow[], options: { codec?: Codec; rowGroupSize: number }): string {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeParquet(path, rows, options);
  return path;
}

async function footer(path: string) {
  return parquetMetadataAsync(await asyncBufferFromFile(path));
}

const codecs: Codec[] = ['SNAPPY', 'GZIP', 'BROTLI', ...(hasZstd() ? (['ZSTD'] as const) : [])];

describe('parquet source', () => {
  test('the zstd CLI the ZSTD case needs is installed (otherwise that codec goes untested)', () => {
    expect(hasZstd()).toBe(true);
  });

  test.each(codecs)('reads back every row of a %s file written by hyparquet-writer, row group by row group', async (codec) => {
    const root = dataset();
    const rows = makeRows(25);
    const path = write(root, 'data/train-00000-of-00001.parquet', rows, { codec, rowGroupSize: 4 });
    const metadata = await footer(path);
    expect(metadata.row_groups).toHaveLength(7);
    expect(metadata.row_groups[0]!.columns.map((chunk) => chunk.meta_data?.codec)).toEqual(Array(7).fill(codec));

    const read = await collect(createParquetSource(root).rows('train'));
    // INT64 comes back as a number when it fits, as a bigint (views of 2^60 + i) when it does not.
    expect(read).toEqual(rows);
    const image = read[1]!.image as { bytes: unknown; path: unknown };
    expect(image.bytes).toBeInstanceOf(Uint8Array);
    expect(image.path).toBe('1.jpg');
    expect(typeof read[1]!.views).toBe('bigint');
    expect(read[2]!.views).toBe(2000);
    expect(read[2]!.label).toBe(0);
  });

  test('reads the shards of a split in shard order and counts rows from the footers', async () => {
    const root = dataset();
    const shards = [makeRows(5, { first: 0 }), makeRows(6, { first: 5 }), makeRows(3, { first: 11 })];
    // Written out of order, with a second split beside it.
    for (const index of [2, 0, 1]) write(root, `data/train-0000${index}-of-00003.parquet`, shards[index]!, { rowGroupSize: 2 });
    write(root, 'data/validation-00000-of-00001.parquet', makeRows(4, { first: 100 }), { rowGroupSize: 2 });

    const source = createParquetSource(root);
    const read = await collect(source.rows('train'));
    expect(read.map((row) => row.id)).toEqual(shards.flat().map((row) => row.id));
    expect(await source.count!('train')).toBe(14);
    expect(await source.count!('validation')).toBe(4);
  });

  test('accepts <split>/*.parquet and data/<split>/*.parquet, ordering shard numbers numerically', async () => {
    const root = dataset();
    for (const index of [10, 2, 0, 1]) write(root, `test/${index}.parquet`, makeRows(1, { first: index }), { rowGroupSize: 1 });
    write(root, 'data/validation/part-0.parquet', makeRows(2, { first: 50 }), { rowGroupSize: 1 });

    const source = createParquetSource(root);
    expect((await collect(source.rows('test'))).map((row) => row.id)).toEqual(['m-0', 'm-1', 'm-2', 'm-10']);
    expect((await collect(source.rows('validation'))).map((row) => row.id)).toEqual(['m-50', 'm-51']);
  });

  test('an unknown split names the folder and the splits it has', async () => {
    const root = dataset();
    write(root, 'data/train-00000-of-00001.parquet', makeRows(2), { rowGroupSize: 1 });
    write(root, 'data/validation-00000-of-00001.parquet', makeRows(2), { rowGroupSize: 1 });
    await expect(collect(createParquetSource(root).rows('tset'))).rejects.toThrow(`split 'tset' not found in ${root} (splits found: train, validation)`);
  });

  test('a file without a readable footer fails with its path', async () => {
    const root = dataset();
    const path = write(root, 'data/train-00000-of-00001.parquet', makeRows(8), { rowGroupSize: 2 });
    truncateSync(path, 100);
    await expect(collect(createParquetSource(root).rows('train'))).rejects.toThrow(`${path}: not a readable parquet file`);
  });

  test('a corrupt row group yields its rows as error rows naming the file and the row group, and reading goes on', async () => {
    const root = dataset();
    const path = write(root, 'data/train-00000-of-00001.parquet', makeRows(12), { rowGroupSize: 4 });
    const page = Number((await footer(path)).row_groups[1]!.columns[0]!.meta_data!.data_page_offset);
    const bytes = readFileSync(path);
    bytes.fill(0xff, page, page + 8);
    writeFileSync(path, bytes);

    const seen = await collect(createParquetSource(root).rows('train'));
    expect(seen.map((row) => row.id ?? row.__error)).toEqual([
      'm-0', 'm-1', 'm-2', 'm-3',
      ...Array.from({ length: 4 }, () => expect.stringMatching(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: row group 1 \\(rows 4-7\\): `))),
      'm-8', 'm-9', 'm-10', 'm-11',
    ]);
  });

  test('holds one row group at a time: taking the first rows reads a small part of the file and closes it', async () => {
    const root = dataset();
    const path = write(root, 'data/train-00000-of-00001.parquet', makeRows(40, { imageBytes: 50_000 }), { rowGroupSize: 4 });
    const size = readFileSync(path).length;
    const probe = await open(path);
    const handleClass = Object.getPrototypeOf(probe) as { read: (...args: unknown[]) => Promise<{ bytesRead: number }> };
    await probe.close();
    let bytesRead = 0;
    const read = handleClass.read;
    const readSpy = jest.spyOn(handleClass, 'read').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      const result = await read.apply(this, args);
      bytesRead += result.bytesRead;
      return result;
    });
    const before = openFileCount();
    try {
      const taken: Row[] = [];
      for await (const row of createParquetSource(root).rows('train')) {
        taken.push(row);
        if (taken.length === 5) break;
      }
      expect(taken.map((row) => row.id)).toEqual(['m-0', 'm-1', 'm-2', 'm-3', 'm-4']);
      // Two of ten row groups and the footer.
      expect(bytesRead).toBeLessThan(size * 0.3);
      expect(openFileCount()).toBe(before);
    } finally {
      readSpy.mockRestore();
    }
  });

  test('readFile reads files under the folder and refuses paths outside it', async () => {
    const root = dataset();
    write(root, 'data/train-00000-of-00001.parquet', makeRows(1), { rowGroupSize: 1 });
    mkdirSync(join(root, 'img'));
    writeFileSync(join(root, 'img', 'a.jpg'), Uint8Array.of(1, 2, 3));
    const source = createParquetSource(root);
    expect([...(await source.readFile('img/a.jpg'))]).toEqual([1, 2, 3]);
    await expect(source.readFile('../outside.txt')).rejects.toThrow('outside the dataset folder');
    await expect(source.readFile('/etc/hostname')).rejects.toThrow('outside the dataset folder');
  });
});
