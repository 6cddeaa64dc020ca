import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';

/** A name beside `path` that no other writer (another process, or another call in this one) uses at the same time. */
export function asideName(path: string, extension = ''): string {
  return `${path}.${process.pid}-${randomBytes(4).toString('hex')}${extension}`;
}

/** Writes `data` to `path` whole or not at all: under a name aside first, then renamed over it. */
export function replaceFile(path: string, data: string | Uint8Array): void {
  const aside = asideName(path);
  writeFileSync(aside, data);
  renameSync(aside, path);
}
