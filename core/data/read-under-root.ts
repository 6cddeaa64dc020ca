import { readFile } from 'node:fs/promises';
import { insideRoot } from './safe-path.js';

/** `DatasetSource.readFile` for the sources backed by a local folder. */
export async function readUnderRoot(root: string, relativePath: string): Promise<Uint8Array> {
  return readFile(insideRoot(root, relativePath));
}
