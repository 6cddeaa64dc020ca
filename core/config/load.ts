import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { importFile } from '../util/import-file.js';
import { formatIssues } from './format-issue.js';
import { configSchema, type BenchConfig } from './schema.js';

export interface LoadedConfig {
  readonly config: BenchConfig;
  /** Absolute path of the config file. */
  readonly file: string;
  /** Folder of the config file: relative paths in the config are resolved against it. */
  readonly dir: string;
}

export const DEFAULT_CONFIG_FILE = 'bench.config.ts';

/**
 * The reason an import failed, on one line: the TS loader's messages put the useful part (where, and
 * what) on a later line, e.g. `Transform failed with 1 error:\n<file>:2:0: ERROR: Expected ...`.
 */
function loadFailure(error: unknown, file: string, shown: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^(Transform|Build) failed with \d+ errors?:$/.test(line))
    .join(' ')
    .split(file)
    .join(shown);
  return oneLine.length > 300 ? `${oneLine.slice(0, 297)}...` : oneLine;
}

/**
 * Imports a TypeScript (or JavaScript) config file and validates it; a `.ts` config loads through tsx.
 * Every failure is one line naming the file.
 */
export async function loadConfig(path: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const file = resolve(cwd, path);
  const shown = relative(cwd, file) || file;
  if (!existsSync(file)) {
    throw new UsageError(`${shown}: config file not found (create it, or pass -c FILE)`);
  }
  let module: { default?: unknown };
  try {
    module = (await importFile(file)) as { default?: unknown };
  } catch (error) {
    throw new UsageError(`${shown}: cannot load: ${loadFailure(error, file, shown)}`, { cause: error });
  }
  if (module.default === undefined) {
    throw new UsageError(`${shown}: no default export; write \`export default defineConfig({ ... })\``);
  }
  const parsed = configSchema.safeParse(module.default);
  if (!parsed.success) throw new UsageError(`${shown}: ${formatIssues(parsed.error, module.default)}`, { cause: parsed.error });
  return { config: parsed.data, file, dir: dirname(file) };
}
