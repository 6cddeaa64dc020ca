import type { DatasetSource } from '../contracts/dataset.js';
import type { ImageSource } from '../contracts/messages.js';
import type { Row } from '../contracts/sample.js';

/**
 * An image cell as the datasets write it: a Hub image struct `{bytes, path}`, or a path relative to
 * the dataset folder. Nothing is read here; the core reads it once the sample is admitted, just ahead of its request.
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

/**
 * A stable id for a row: the id column; else the image's file name (Memotion has no id column, but
 * its image structs carry their original file names); else the row's position in the split.
 */
export function rowId(row: Row, idColumn: string, imageColumn: string, index: number): string {
  const value = row[idColumn];
  if (value !== undefined && value !== null && value !== '') return String(value);
  const image = row[imageColumn];
  if (typeof image === 'string' && image) return image;
  const path = (image as { path?: unknown } | null | undefined)?.path;
  if (typeof path === 'string' && path) return path;
  return `row-${index}`;
}

/** The first non-empty string among a row's columns. */
export function firstText(row: Row, columns: readonly string[]): string | undefined {
  for (const column of columns) {
    const value = row[column];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}
