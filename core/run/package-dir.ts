import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder upwards holding a package.json: the same root from the sources and from dist/. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Root folder of the mmsoc-bench package: tasks' default (bundled sample) data paths are relative to it. */
export const PACKAGE_DIR = packageRoot(dirname(fileURLToPath(import.meta.url)));
