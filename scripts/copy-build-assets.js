// The files next to the sources that are read at run time (the HTML report's script and styles, ...):
// tsc emits only the compiled modules, so the build copies every other file of the compiled folders
// into dist/ at the same relative path.
import { cpSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { include } = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));

for (const folder of include) {
  cpSync(join(root, folder), join(root, 'dist', folder), { recursive: true, filter: (source) => extname(source) !== '.ts' });
}
