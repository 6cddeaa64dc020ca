import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { makeMemeDataset } from '../../fixtures/datasets.js';
import { writeParquet, type ImageRow } from '../../data/parquet-fixture.js';

/** A row of the meme datasets, as makeMemeDataset writes it. */
export type MemeRow = Record<string, unknown> & { id: number; image: string; label: number; text: string };

/** Rows of every variant dataset: sample ids 0..ROWS-1. */
export const ROWS = 6;

function readRows(dir: string): MemeRow[] {
  return readFileSync(join(dir, 'test.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as MemeRow);
}

/**
 * A meme dataset (JSONL, ROWS rows in split `test`) with its lines edited: `edit` may change rows,
 * images (it gets the folder) and return raw text for a line. Returns the folder.
 */
export async function jsonlVariant(dir: string, edit: (rows: MemeRow[], dir: string) => Array<MemeRow | string | Buffer>): Promise<string> {
  await makeMemeDataset(dir, { test: ROWS });
  const lines = edit(readRows(dir), dir).map((line) => (Buffer.isBuffer(line) ? line : Buffer.from(typeof line === 'string' ? line : JSON.stringify(line))));
  writeFileSync(join(dir, 'test.jsonl'), Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
  return dir;
}

/** The same rows as a CSV file (`test.csv`, header id,image,label,text), lines given as raw bytes. */
export async function csvVariant(dir: string, edit: (lines: Buffer[]) => Buffer[]): Promise<string> {
  await makeMemeDataset(dir, { test: ROWS });
  const rows = readRows(dir);
  // Only the CSV is the dataset.
  rmSync(join(dir, 'test.jsonl'));
  const lines = ['id,image,label,text', ...rows.map((r) => `${r.id},${r.image},${r.label},"${r.text}"`)].map((line) => Buffer.from(line));
  writeFileSync(join(dir, 'test.csv'), Buffer.concat(edit(lines).flatMap((line) => [line, Buffer.from('\r\n')])));
  return dir;
}

/** The rows as a Hub-layout parquet file (`data/test-00000-of-00001.parquet`, row groups of 3 by default), then `damage`d. */
export async function parquetVariant(dir: string, damage: (bytes: Buffer) => Buffer, rowGroupSize = 3): Promise<string> {
  const source = `${dir}-source`;
  await makeMemeDataset(source, { test: ROWS });
  const rows = readRows(source);
  const parquetRows: ImageRow[] = rows.map((r) => ({
    id: String(r.id),
    label: r.label,
    text: r.text,
    image: { bytes: new Uint8Array(readFileSync(join(source, r.image))), path: `${r.id}.png` },
    topics: [],
    views: 0,
  }));
  const file = join(dir, 'data', 'test-00000-of-00001.parquet');
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeParquet(file, parquetRows, { codec: 'UNCOMPRESSED', rowGroupSize });
  writeFileSync(file, damage(readFileSync(file)));
  return dir;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG whose header claims `width` x `height` pixels but carries almost no data: what a
 * decompression bomb or a lying file looks like to a reader of headers.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}
