import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import type { DatasetSource } from '../contracts/dataset.js';
import type { Row } from '../contracts/sample.js';
import { DataError } from '../errors.js';
import { fileAsyncBuffer } from './file-async-buffer.js';
import { parquetSplits } from './parquet-layout.js';
import { plainValue } from './plain-values.js';
import { readUnderRoot } from './read-under-root.js';
import { errorRow } from './row-error.js';
import { unknownSplit } from './unknown-split.js';

/** Hub footers are tens of kB; hyparquet's 512 kB first guess would read images just to find them. */
const FOOTER_GUESS = 1 << 16;

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * hyparquet and its decompressors (some 45 modules) load when a Parquet file is first read: every
 * dataset format is registered at start-up, and a JSONL or CSV run never needs them.
 */
async function loadParquet() {
  const [reader, { compressors }] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  return { ...reader, compressors };
}

interface OpenParquet {
  readonly file: AsyncBuffer;
  readonly metadata: FileMetaData;
  close(): Promise<void>;
}

async function openParquet(path: string): Promise<OpenParquet> {
  const { parquetMetadataAsync } = await loadParquet();
  const handle = await open(path, 'r');
  try {
    const file = fileAsyncBuffer(handle, (await handle.stat()).size);
    const metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_GUESS }).catch((error: unknown) => {
      throw new DataError(`${path}: not a readable parquet file: ${reason(error)}`, { cause: error });
    });
    return { file, metadata, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Reads one row group, one top-level column at a time: hyparquet decodes a row group's columns
 * concurrently, and when several chunks are broken the rejections after the first go unhandled and
 * take the process down. `utf8: false` keeps unannotated binary (image bytes) as bytes, not text.
 */
async function readRowGroup(path: string, { file, metadata }: OpenParquet, index: number, rowStart: number): Promise<Row[]> {
  const { parquetReadObjects, parquetSchema, compressors } = await loadParquet();
  const rowEnd = rowStart + Number(metadata.row_groups[index]!.num_rows);
  const where = `${path}: row group ${index} (rows ${rowStart}-${rowEnd - 1})`;
  const rows: Record<string, unknown>[] = Array.from({ length: rowEnd - rowStart }, () => ({}));
  for (const column of parquetSchema(metadata).children.map((child) => child.element.name)) {
    let values: Record<string, unknown>[];
    try {
      values = await parquetReadObjects({ file, metadata, compressors, rowStart, rowEnd, columns: [column], utf8: false });
    } catch (error) {
      throw new Error(`${where}: ${reason(error)}`, { cause: error });
    }
    if (values.length !== rows.length) throw new Error(`${where}: decoded ${values.length} rows, the footer says ${rows.length}`);
    values.forEach((value, i) => (rows[i]![column] = value[column]));
  }
  return rows.map((row) => plainValue(row) as Row);
}

async function* fileRows(path: string): AsyncGenerator<Row> {
  const parquet = await openParquet(path);
  try {
    let rowStart = 0;
    for (let index = 0; index < parquet.metadata.row_groups.length; index++) {
      const size = Number(parquet.metadata.row_groups[index]!.num_rows);
      let rows: Row[];
      try {
        rows = await readRowGroup(path, parquet, index, rowStart);
      } catch (error) {
        // The footer still says how many rows the group holds: each becomes a skipped sample.
        rows = Array.from({ length: size }, (_, i) => errorRow(reason(error), { __row: rowStart + i }));
      }
      yield* rows;
      rowStart += size;
    }
  } finally {
    await parquet.close();
  }
}

async function rowCount(path: string): Promise<number> {
  const parquet = await openParquet(path);
  await parquet.close();
  return Number(parquet.metadata.num_rows);
}

/**
 * A dataset folder in the Hugging Face Hub parquet layout (see parquet-layout.ts), read one row group
 * at a time through positioned reads: memory holds one row group of one shard, never a file.
 * Cells come as the Hub wrote them: an image is a struct `{ bytes: Uint8Array, path }`, INT64 values
 * are numbers when they fit exactly.
 *
 * A row group that cannot be decoded does not stop the split: each of its rows is yielded as an
 * `__error` row (see row-error.ts) whose reason names the file, the row group (0-based) and its row
 * range, and reading goes on with the next group. A file whose footer cannot be read ends the split
 * with a DataError naming the file (its rows cannot even be counted).
 */
export function createParquetSource(rootDir: string): DatasetSource {
  const root = resolve(rootDir);
  const filesOf = (split: string): string[] => {
    const splits = parquetSplits(root);
    const files = splits.get(split);
    if (!files) throw unknownSplit(split, root, [...splits.keys()]);
    return files.map((file) => join(root, file));
  };
  return {
    root,
    splits: () => [...parquetSplits(root).keys()],
    async *rows(split: string): AsyncGenerator<Row> {
      for (const path of filesOf(split)) yield* fileRows(path);
    },
    async count(split: string): Promise<number> {
      let total = 0;
      for (const path of filesOf(split)) total += await rowCount(path);
      return total;
    },
    readFile: (relativePath) => readUnderRoot(root, relativePath),
  };
}
