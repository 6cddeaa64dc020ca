import { rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, Plugin } from 'esbuild';
import { cachedBundle, keepBundle } from './bundle-cache.js';
import { asideName } from './replace-file.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** Running from the TypeScript sources means a TS loader (tsx, or jest's transform) is already in place. */
export const RUNNING_SOURCES = TYPESCRIPT.has(extname(import.meta.url));

const imported = new Map<string, Promise<unknown>>();

/** An error of the file system (EACCES, ENOTDIR, EROFS, ...), not of the module being imported. */
const isFileSystemError = (error: unknown) => typeof (error as NodeJS.ErrnoException).syscall === 'string';

let typescriptLoader: Promise<void> | undefined;

/**
 * tsx's loader, registered once, for what bundling cannot load. Registered globally rather than with
 * tsx's namespaced import, so that `mmsoc-bench` imported from a config or plugin is the same module
 * instance as the CLI's. It costs ~0.2 s of CPU (a loader thread every later import passes through).
 */
function loadTypeScript(): Promise<void> {
  typescriptLoader ??= import('tsx/esm/api').then(({ register }) => void register());
  return typescriptLoader;
}

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/** Each bundled module keeps its own `import.meta.url` (and dirname, filename, `__dirname`, `__filename`), not the bundle's. */
const ORIGINAL_META: Plugin = {
  name: 'original-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async ({ path }) => {
      const loader = LOADERS[extname(path)] ?? 'js';
      const meta = `const __mmsocMetaUrl = ${JSON.stringify(pathToFileURL(path).href)}, __mmsocMetaDirname = ${JSON.stringify(dirname(path))}, __mmsocMetaFilename = ${JSON.stringify(path)};`;
      return { contents: `${meta}\n${await readFile(path, 'utf8')}`, loader };
    });
  },
};

/** Thrown by the build when a package the file imports is TypeScript: only a TypeScript loader can run it. */
class TypeScriptPackage extends Error {}

/**
 * Packages stay imports of the bundle, resolved by Node from the file's folder at run time. A package
 * whose entry is TypeScript would fail there (after Node had cached that failure), so the build stops.
 */
const PACKAGES_EXTERNAL: Plugin = {
  name: 'packages-external',
  setup(build) {
    const resolving = Symbol('resolving');
    build.onResolve({ filter: /^[^./]/ }, async ({ path, kind, resolveDir, pluginData }) => {
      if (pluginData === resolving || path.startsWith('node:')) return undefined;
      const resolved = await build.resolve(path, { kind, resolveDir, pluginData: resolving });
      if (TYPESCRIPT.has(extname(resolved.path))) throw new TypeScriptPackage(path);
      return { path, external: true };
    });
  },
};

/**
 * The file bundled by esbuild with its relative imports (packages stay imports, so `mmsoc-bench` is the
 * CLI's own instance), and the files it was built from; undefined when it imports a TypeScript package.
 */
async function bundleTypeScript(file: string): Promise<{ code: Uint8Array; inputs: string[] } | undefined> {
  const { build } = await import('esbuild');
  const bundle = await build({
    absWorkingDir: dirname(file),
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [PACKAGES_EXTERNAL, ORIGINAL_META],
    define: {
      'import.meta.url': '__mmsocMetaUrl',
      'import.meta.dirname': '__mmsocMetaDirname',
      'import.meta.filename': '__mmsocMetaFilename',
      __dirname: '__mmsocMetaDirname',
      __filename: '__mmsocMetaFilename',
    },
  }).catch((error: unknown) => {
    if ((error as { errors?: { detail?: unknown }[] }).errors?.some(({ detail }) => detail instanceof TypeScriptPackage)) return undefined;
    throw error;
  });
  if (!bundle) return undefined;
  return { code: bundle.outputFiles[0]!.contents, inputs: Object.keys(bundle.metafile.inputs).map((input) => resolve(dirname(file), input)) };
}

/** A bundle with nowhere to be kept (a file named .bench): written beside the file for this import only, else tsx. */
async function importBeside(file: string, code: Uint8Array): Promise<unknown> {
  const beside = asideName(join(dirname(file), `.${basename(file)}`), '.mjs');
  try {
    writeFileSync(beside, code);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    return importThroughTsx(file);
  }
  try {
    return await import(pathToFileURL(beside).href);
  } finally {
    rmSync(beside, { force: true });
  }
}

/**
 * A TypeScript file as Vite loads its config: bundled, and the ES module kept in `.bench/bundled/`
 * beside it (so that packages resolve from the same folder) is imported. No loader stays registered,
 * and a folder without `"type": "module"` is no trouble. A later run imports the kept module while the
 * files it was built from are unchanged, without loading esbuild.
 */
async function importBundled(file: string): Promise<unknown> {
  const cached = cachedBundle(file);
  if (cached) return import(pathToFileURL(cached).href);
  const bundle = await bundleTypeScript(file);
  if (!bundle) return importThroughTsx(file);
  let kept: string | undefined;
  try {
    kept = keepBundle(file, bundle.code, bundle.inputs);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
  }
  return kept ? import(pathToFileURL(kept).href) : importBeside(file, bundle.code);
}

async function importThroughTsx(file: string): Promise<unknown> {
  await loadTypeScript();
  return import(pathToFileURL(file).href);
}

/** Imports a module by file path, once; a `.ts` config or plugin is bundled by esbuild first. */
export function importFile(file: string): Promise<unknown> {
  if (RUNNING_SOURCES || !TYPESCRIPT.has(extname(file))) return import(pathToFileURL(file).href);
  let module = imported.get(file);
  if (!module) imported.set(file, (module = importBundled(file)));
  return module;
}
