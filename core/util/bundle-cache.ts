import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { replaceFile } from './replace-file.js';

/** Bumped when the bundling changes what it writes: older cached bundles are then rebuilt. */
const FORMAT = 1;

interface Stamp {
  readonly format: number;
  /** Every file the bundle was built from, as it was then. */
  readonly inputs: readonly { path: string; mtimeMs: number; size: number }[];
}

/** Where a file's bundle and its stamp are kept: the project's `.bench/` beside the file. */
function locate(file: string): { module: string; stamp: string } {
  const dir = join(dirname(file), '.bench', 'bundled');
  return { module: join(dir, `${basename(file)}.mjs`), stamp: join(dir, `${basename(file)}.json`) };
}

const unchanged = ({ path, mtimeMs, size }: Stamp['inputs'][number]) => {
  try {
    const now = statSync(path);
    return now.mtimeMs === mtimeMs && now.size === size;
  } catch {
    return false;
  }
};

/**
 * The bundled module of a TypeScript file kept from an earlier run, while none of the files it was
 * built from changed since (a run then needs no bundler at all): its path, or undefined.
 */
export function cachedBundle(file: string): string | undefined {
  const { module, stamp } = locate(file);
  try {
    const read = JSON.parse(readFileSync(stamp, 'utf8')) as Stamp;
    return read.format === FORMAT && read.inputs.length > 0 && read.inputs.every(unchanged) ? module : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps a file's bundle for later runs and returns its path. Each part is replaced whole, the stamp
 * last, so a run started meanwhile reads a whole bundle or none.
 * Throws when the folder cannot be written.
 */
export function keepBundle(file: string, code: Uint8Array, inputs: readonly string[]): string {
  const { module, stamp } = locate(file);
  mkdirSync(dirname(module), { recursive: true });
  const stamped: Stamp = {
    format: FORMAT,
    inputs: inputs.map((path) => {
      const { mtimeMs, size } = statSync(path);
      return { path, mtimeMs, size };
    }),
  };
  replaceFile(module, code);
  replaceFile(stamp, JSON.stringify(stamped));
  return module;
}
