// Builds dist/, what `bin/bench.js` runs and what `mmsoc-bench` resolves to: the TypeScript sources and
// the dependencies every start loads, bundled by esbuild into a few ES modules. Node then reads a
// handful of files at start instead of ~350 (each resolved, read and compiled on its own: most of the
// CLI's start-up CPU, docs/performance.md "Start-up").
//
// - One build with code splitting: the public API (core/index), the CLI, the container (the benchmarks
//   start the CLI with their own) and the built-in plugins are entries that share chunks, so a config or
//   plugin importing `mmsoc-bench` gets the very modules the CLI runs (one registry, one z, one rxjs).
// - Dependencies loaded only on first use, or that cannot be bundled (native code, worker scripts,
//   files read next to their modules), stay packages of node_modules imported at run time: EXTERNAL.
// - Type-checking is `npm run typecheck` (esbuild strips the types without checking them).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const EXTERNAL = new Set([
  '@googleapis/youtube', // the YouTube collector, imported by its first command
  '@huggingface/hub', // `bench data pull`
  '@tesseract.js-data/eng', // the OCR baseline: model files read from the package's folder
  'csv-parse', // a CSV split
  'esbuild', // a TypeScript config or plugin (native binary)
  'hyparquet',
  'hyparquet-compressors',
  'hyparquet-writer', // Parquet files, read or written on first use
  'sharp', // native image library, on first use
  'tesseract.js', // worker scripts of its own
  'tsx', // a TypeScript file esbuild cannot bundle
]);

/**
 * yargs and cliui measure text with string-width, whose copies build an Intl.Segmenter and Unicode-set
 * regular expressions as they load (~0.03 s of every start) though only help text is measured: their
 * imports of it get a stand-in that requires the real module, so that esbuild initialises it on the
 * first call instead of at start.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(context) {
    context.onResolve({ filter: /^string-width$/ }, ({ kind, resolveDir }) =>
      kind === 'require-call' ? undefined : { path: resolveDir, namespace: 'lazy-string-width' },
    );
    context.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, ({ path }) => ({
      contents: "export default function stringWidth(...args) { return require('string-width').default(...args); }",
      resolveDir: path,
    }));
  },
};

const ENTRIES = ['core/index.ts', 'core/cli/main.ts', 'core/container.ts', 'plugins/index.ts'];

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

const keepExternal = {
  name: 'keep-external',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, ({ path }) => (EXTERNAL.has(packageName(path)) ? { path, external: true } : undefined));
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * rxjs resolves to its CommonJS build under Node's conditions: all of it, ~300 modules kept whole in
 * the bundle. Its ES build (side-effect free, as its package.json says) lets esbuild keep only what is used.
 */
const rxjsModules = {
  name: 'rxjs-es-modules',
  setup(context) {
    const esm = join(dirname(createRequire(join(root, 'package.json')).resolve('rxjs/package.json')), 'dist', 'esm', 'index.js');
    context.onResolve({ filter: /^rxjs$/ }, () => ({ path: esm }));
  },
};
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir: 'dist',
  outbase: '.',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // The built-ins import `mmsoc-bench`: its sources, bundled into the same chunks as the CLI's.
  conditions: ['mmsoc-bench-source'],
  target: 'node20',
  plugins: [keepExternal, rxjsModules, lazyStringWidth],
  // CommonJS dependencies inside the bundle require Node's built-ins (got's http2-wrapper needs http2).
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
