// The files next to the sources that are read at run time (the HTML report's script and styles, ...):
// tsc emits only the compiled modules, so the build copies every other file of each folder it compiled
// into dist/ at the same relative path.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

for (const entry of readdirSync(dist, { withFileTypes: true })) {
  const source = join(root, entry.name);
  if (!entry.isDirectory() || !existsSync(source)) continue;
  cpSync(source, join(dist, entry.name), { recursive: true, filter: (path) => extname(path) !== '.ts' });
}
