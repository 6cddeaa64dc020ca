import { readFileSync } from 'node:fs';
import { insideRoot } from './safe-path.js';

/**
 * `DatasetSource.readFile` for the sources backed by a local folder. A synchronous read: an image file
 * on a local disk is read in microseconds, while the asynchronous path (open, fstat, read, close, each
 * a trip through the thread pool) cost about 0.1 ms of CPU per image on the request path
 * (docs/performance.md). Errors reject the promise as before.
 */
export async function readUnderRoot(root: string, relativePath: string): Promise<Uint8Array> {
  return readFileSync(insideRoot(root, relativePath));
}
