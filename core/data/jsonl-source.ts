import { createReadStream, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { DatasetSource } from '../contracts/dataset.js';
import type { Row } from '../contracts/sample.js';
import { readUnderRoot } from './read-under-root.js';
import { errorRow } from './row-error.js';
import { unknownSplit } from './unknown-split.js';

const EXTENSION = '.jsonl';

/** Splits of a JSONL dataset folder: the `<split>.jsonl` files in it. */
export function jsonlSplits(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(EXTENSION))
    .map((entry) => entry.name.slice(0, -EXTENSION.length))
    .sort();
}

/** Non-blank lines of a file, counted as a stream: the split's row count for progress. */
async function countRows(path: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let rows = 0;
  for await (const text of lines) if (text.trim() !== '') rows++;
  return rows;
}

function parseLine(text: string, line: number): Row {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return errorRow(`line ${line}: ${(error as Error).message}`, { __line: line });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return errorRow(`line ${line}: not a JSON object`, { __line: line });
  }
  return value as Row;
}

/**
 * A dataset folder of `<split>.jsonl` files, one JSON object per line, read line by line.
 * A line that is not a JSON object does not stop the split: it yields
 * `{ __error: 'line N: <reason>', __line: N }` (see row-error.ts) and reading goes on.
 * Blank lines are not rows. Image cells are paths relative to the folder, read with `readFile`.
 */
export function createJsonlSource(rootDir: string): DatasetSource {
  const root = resolve(rootDir);
  return {
    root,
    splits: () => jsonlSplits(root),
    async *rows(split: string): AsyncGenerator<Row> {
      const splits = jsonlSplits(root);
      if (!splits.includes(split)) throw unknownSplit(split, root, splits);
      const stream = createReadStream(join(root, split + EXTENSION), { encoding: 'utf8' });
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      let line = 0;
      try {
        for await (const text of lines) {
          line++;
          // An editor's byte-order mark would make the first line unparseable.
          const clean = line === 1 ? text.replace(/^\uFEFF/, '') : text;
          if (clean.trim() !== '') yield parseLine(clean, line);
        }
      } finally {
        lines.close();
        // Waits for the descriptor to be released, so a consumer that stops early leaks nothing.
        if (!stream.closed) await new Promise<void>((done) => stream.once('close', () => done()).destroy());
      }
    },
    async count(split: string) {
      return jsonlSplits(root).includes(split) ? countRows(join(root, split + EXTENSION)) : undefined;
    },
    readFile: (relativePath) => readUnderRoot(root, relativePath),
  };
}
