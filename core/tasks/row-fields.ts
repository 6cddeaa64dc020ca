import type { DatasetSource } from '../contracts/dataset.js';
import type { ImageSource } from '../contracts/messages.js';
import type { Row } from '../contracts/sample.js';

/**
 * An image cell as the datasets write it: a Hub image struct `{bytes, path}`, or a path relative to
 * the dataset folder. Nothing is read here; the core reads it once a request is about to be sent.
 */
export function imageFromCell(cell: unknown, source: DatasetSource, ref: string): ImageSource | undefined {
  if (typeof cell === 'string' && cell.length > 0) return { ref: cell, read: () => source.readFile(cell) };
  if (cell && typeof cell === 'object') {
    const { bytes, path } = cell as { bytes?: unknown; path?: unknown };
    if (bytes instanceof Uint8Array && bytes.length > 0) {
      return { ref: typeof path === 'string' && path ? path : ref, read: async () => bytes };
    }
    if (typeof path === 'string' && path) return { ref: path, read: () => source.readFile(path) };
  }
  return undefined;
}

/** Row id as a string; falls back to the row's position when the dataset has no id column. */
export function rowId(row: Row, idColumn: string, index: number): string {
  const value = row[idColumn];
  return value === undefined || value === null || value === '' ? `row-${index}` : String(value);
}
