import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** Running from the TypeScript sources means a TS loader (tsx, or jest's transform) is already in place. */
const RUNNING_SOURCES = TYPESCRIPT.has(extname(import.meta.url));

let typescriptLoader: Promise<void> | undefined;

/**
 * tsx's loader, registered once and only when a TypeScript file is imported: the compiled CLI loads
 * no TypeScript of its own, so a run whose config and plugins are JavaScript never pays for it. Registered
 * globally rather than with tsx's namespaced import, so that `mmsoc-bench` imported from a config or
 * plugin is the same module instance as the CLI's.
 */
function loadTypeScript(): Promise<void> {
  typescriptLoader ??= import('tsx/esm/api').then(({ register }) => void register());
  return typescriptLoader;
}

/** Imports a module by file path; a `.ts` config or plugin loads through tsx. */
export async function importFile(file: string): Promise<unknown> {
  if (!RUNNING_SOURCES && TYPESCRIPT.has(extname(file))) await loadTypeScript();
  return import(pathToFileURL(file).href);
}
