import { execFileSync, spawnSync } from 'node:child_process';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';

/**
 * Writes MM-Soc-shaped parquet files with hyparquet-writer, a different code base from the reader
 * under test. The image column is the Hub's `datasets` Image struct `{bytes, path}`.
 */
export interface ImageRow {
  id: string;
  label: number;
  text: string | null;
  image: { bytes: Uint8Array; path: string } | null;
  topics: string[];
  /** INT64 beyond 2^53 in some rows: must come back as a bigint, not a rounded number. */
  views: number | bigint;
}

// hyparquet-writer brings its own copy of hyparquet's types.
const SCHEMA: ConstructorParameters<typeof ParquetWriter>[0]['schema'] = [
  { name: 'schema', num_children: 6 },
  { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'label', type: 'INT64', repetition_type: 'OPTIONAL' },
  { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'image', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
  { name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'topics', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'views', type: 'INT64', repetition_type: 'OPTIONAL' },
];

export type Codec = 'SNAPPY' | 'GZIP' | 'BROTLI' | 'ZSTD' | 'UNCOMPRESSED';

/** Node 20 has no zstd in zlib and no zstd compressor is installed from npm: the zstd CLI is used. */
export function hasZstd(): boolean {
  return spawnSync('zstd', ['--version']).status === 0;
}

const COMPRESSORS = {
  GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(brotliCompressSync(input)),
  ZSTD: (input: Uint8Array) => new Uint8Array(execFileSync('zstd', ['-q', '-c', '-3'], { input, maxBuffer: 1 << 30 })),
};

/** Deterministic bytes that do not compress much, like the JPEGs in the real data. */
export function noiseBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export function makeRows(count: number, options: { first?: number; imageBytes?: number } = {}): ImageRow[] {
  const first = options.first ?? 0;
  return Array.from({ length: count }, (_, k) => {
    const i = first + k;
    return {
      id: `m-${i}`,
      label: i % 2,
      text: i % 7 === 3 ? null : `meme ${i}: ça, "quotes", 表情 ${'x'.repeat(i % 5)}`,
      image: i % 11 === 5 ? null : { bytes: noiseBytes((options.imageBytes ?? 64) + (i % 3), i), path: `${i}.jpg` },
      topics: i % 4 === 0 ? [] : [`Topic_${i % 3}`, 'Society'],
      views: i % 6 === 1 ? 2n ** 60n + BigInt(i) : i * 1000,
    };
  });
}

const column = <K extends keyof ImageRow>(rows: readonly ImageRow[], name: K, convert: (value: ImageRow[K]) => unknown = (value) => value) =>
  ({ name, data: rows.map((row) => convert(row[name])) });

/** A parquet file written row group by row group, so a big file never sits in memory whole. */
export function openParquetFile(filename: string, codec: Codec) {
  const writer = new ParquetWriter({ writer: fileWriter(filename), schema: SCHEMA, codec, compressors: COMPRESSORS });
  return {
    /** Appends `rows` as row groups of `rowGroupSize` rows. */
    write(rows: readonly ImageRow[], rowGroupSize: number): void {
      void writer.write({
        rowGroupSize,
        columnData: [
          column(rows, 'id'),
          column(rows, 'label', BigInt),
          column(rows, 'text'),
          column(rows, 'image'),
          column(rows, 'topics'),
          column(rows, 'views', BigInt),
        ],
      });
    },
    finish: () => void writer.finish(),
  };
}

export function writeParquet(filename: string, rows: readonly ImageRow[], options: { codec?: Codec; rowGroupSize: number }): void {
  const file = openParquetFile(filename, options.codec ?? 'SNAPPY');
  file.write(rows, options.rowGroupSize);
  file.finish();
}
