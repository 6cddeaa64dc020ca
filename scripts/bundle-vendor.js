// Bundles each module of core/vendor/ (a re-export of the part of a dependency the core uses) with that
// dependency into one file, replacing what tsc emitted for it in dist/: Node then reads one file instead
// of the dependency's hundreds of ES modules at every start (docs/performance.md, "Start-up").
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const vendor = join(root, 'core', 'vendor');

for (const name of readdirSync(vendor).filter((file) => file.endsWith('.ts'))) {
  await build({
    entryPoints: [join(vendor, name)],
    outfile: join(root, 'dist', 'core', 'vendor', name.replace(/\.ts$/, '.js')),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    allowOverwrite: true,
    // CommonJS dependencies inside the bundle require Node's built-ins (got's http2-wrapper needs http2).
    banner: { js: "import { createRequire as vendorRequire } from 'node:module'; const require = vendorRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
