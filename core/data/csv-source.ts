import { createReadStream, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CsvError } from 'csv-parse';
import type { DatasetSource } from '../contracts/dataset.js';
import type { Row } from '../contracts/sample.js';
import { readUnderRoot } from './read-under-root.js';
import { errorRow } from './row-error.js';
import { unknownSplit } from './unknown-split.js';

const EXTENSION = '.csv';

/** Splits of a CSV dataset folder: the `<split>.csv` files in it. */
export function csvSplits(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(EXTENSION))
    .map((entry) => entry.name.slice(0, -EXTENSION.length))
    .sort();
}

/**
 * A dataset folder of `<split>.csv` files (RFC 4180, header row), streamed record by record with
 * csv-parse. A record that cannot be parsed (e.g. an unclosed quote, a wrong field count) does not stop
 * the split: it yields an `__error` row naming its line (see row-error.ts) and reading goes on.
 * Image cells are paths relative to the folder.
 */
export function createCsvSource(rootDir: string): DatasetSource {
  const root = resolve(rootDir);
  const path = (split: string) => {
    const splits = csvSplits(root);
    if (!splits.includes(split)) throw unknownSplit(split, root, splits);
    return join(root, split + EXTENSION);
  };
  async function* records(split: string): AsyncGenerator<Row> {
    // The parser reports skipped records ahead of the good ones it has buffered: keep file order by line.
    const skipped: Array<{ line: number; row: Row }> = [];
    // csv-parse loads when a CSV split is read: every dataset source is registered at start-up, few runs read CSV.
    const { parse } = await import('csv-parse');
    const parser = createReadStream(path(split)).pipe(
      parse({
        columns: true,
        bom: true,
        info: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        on_skip: (error: CsvError | undefined) => {
          const line = (error as { lines?: number } | undefined)?.lines ?? Number.MAX_SAFE_INTEGER;
          skipped.push({ line, row: errorRow(`line ${line}: ${error?.message ?? 'unreadable record'}`, { __line: line }) });
          return undefined;
        },
      }),
    );
    for await (const { info, record } of parser as AsyncIterable<{ info: { lines: number }; record: Row }>) {
      while (skipped[0] && skipped[0].line < info.lines) yield skipped.shift()!.row;
      yield record;
    }
    for (const { row } of skipped) yield row;
  }
  return {
    root,
    splits: () => csvSplits(root),
    rows: records,
    async count(split) {
      let rows = 0;
      for await (const _ of records(split)) rows++;
      return rows;
    },
    readFile: (relativePath) => readUnderRoot(root, relativePath),
  };
}
