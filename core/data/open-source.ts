import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetSource, DatasetSpec } from '../contracts/dataset.js';
import { createCsvSource, csvSplits } from './csv-source.js';
import { createJsonlSource, jsonlSplits } from './jsonl-source.js';
import { parquetSplits } from './parquet-layout.js';
import { createParquetSource } from './parquet-source.js';

type Format = NonNullable<DatasetSpec['format']>;

const OPENERS: Record<Format, (root: string) => DatasetSource> = {
  parquet: createParquetSource,
  jsonl: createJsonlSource,
  csv: createCsvSource,
};

/** The format a folder is in, from what it holds; parquet first, as the Hub publishes it. */
function detectFormat(root: string): Format | undefined {
  if (parquetSplits(root).size > 0) return 'parquet';
  if (jsonlSplits(root).length > 0) return 'jsonl';
  if (csvSplits(root).length > 0) return 'csv';
  return undefined;
}

/**
 * Opens the local folder of a task's dataset (`spec.path`, relative to `baseDir`) as a DatasetSource,
 * in `spec.format` or, when absent, the format the folder's files show. Every failure is a one-line
 * Error naming the folder.
 */
export function openDatasetSource(spec: DatasetSpec, baseDir: string): DatasetSource {
  if (!spec.path) throw new Error(`no local folder given for ${spec.hub ?? 'the dataset'} (set dataset.path)`);
  const root = resolve(baseDir, spec.path);
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    throw new Error(`dataset folder ${root} does not exist${spec.hub ? ` (bench data pull ${spec.hub} --out ${root} fetches it)` : ''}`);
  }
  if (!isFolder) throw new Error(`dataset path ${root} is not a folder`);
  const format = spec.format ?? detectFormat(root);
  if (!format) {
    throw new Error(`no dataset files in ${root}: expected data/<split>-00000-of-00001.parquet, <split>/*.parquet, <split>.jsonl or <split>.csv`);
  }
  return OPENERS[format](root);
}
