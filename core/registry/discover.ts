import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_DIR } from '../run/package-dir.js';
import { RUNNING_SOURCES } from '../util/import-file.js';
import { installedPlugins, locateConfigPlugin, ownVersion } from './locate.js';
import type { PluginOrigin } from './plugin-source.js';
import { PluginRegistry } from './registry.js';

/** The built-ins' entry: their sources when running the sources, their entry of dist/ (scripts/build.js) otherwise. */
const BUILTINS_ENTRY = RUNNING_SOURCES ? join(PACKAGE_DIR, 'plugins', 'index.ts') : join(PACKAGE_DIR, 'dist', 'plugins', 'index.js');

/**
 * Imports the built-in plugins' modules ahead of the registry (which registers them and reports a
 * failure to load: this import's own failure is left to it). For the commands that load a config
 * first: a TypeScript config that imports a TypeScript package by name registers tsx
 * (core/util/import-file.ts), and every module imported after that passes through tsx's loader
 * thread, which about doubled the CPU of importing the built-ins (docs/performance.md).
 */
export async function preloadBuiltins(): Promise<void> {
  await import(pathToFileURL(BUILTINS_ENTRY).href).catch(() => undefined);
}

/**
 * Builds the registry from its sources, in order: the built-in plugins, the config's `plugins`
 * list, then installed packages that declare the plugin field. A package listed both in the config
 * and in package.json is loaded once.
 */
export async function discoverPlugins(options: { configPlugins: readonly string[]; configDir: string; projectDir: string }): Promise<PluginRegistry> {
  const registry = new PluginRegistry();
  const builtin: PluginOrigin = { kind: 'builtin', name: 'mmsoc-bench', entry: BUILTINS_ENTRY, version: ownVersion() };
  await registry.import(builtin);
  const seen = new Set<string>();
  for (const spec of options.configPlugins) {
    let origin: PluginOrigin;
    try {
      origin = locateConfigPlugin(spec, options.configDir);
    } catch (error) {
      registry.problems.push(`config plugin ${spec}: ${(error as Error).message}`);
      continue;
    }
    seen.add(origin.entry);
    await registry.import(origin);
  }
  for (const origin of installedPlugins(options.projectDir)) {
    if (seen.has(origin.entry)) continue;
    await registry.import(origin);
  }
  return registry;
}
