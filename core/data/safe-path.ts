import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Resolves `relativePath` inside `root`, refusing anything that would land outside it: dataset rows
 * and Hub listings are data from elsewhere, and `../../.ssh/id_rsa` must not become a read or a write.
 */
export function insideRoot(root: string, relativePath: string): string {
  const target = resolve(root, relativePath);
  const rel = relative(root, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new Error(`path '${relativePath}' is outside the dataset folder ${root}`);
  }
  return target;
}
