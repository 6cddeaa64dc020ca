import type { LoadedConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import type { PluginLoader } from '../registry/plugin-loader.js';
import type { PluginRegistry } from '../registry/registry.js';

/**
 * A config and its plugins, for the commands that run models (`bench run`, `export sft`,
 * `selfimprove`): any plugin problem stops the command before anything runs.
 */
export async function openProject(
  configPath: string,
  deps: { readonly loadConfig: (path: string) => Promise<LoadedConfig>; readonly plugins: PluginLoader },
): Promise<{ loaded: LoadedConfig; registry: PluginRegistry }> {
  await deps.plugins.preloadBuiltins();
  const loaded = await deps.loadConfig(configPath);
  const registry = await deps.plugins.load(loaded.config.plugins, loaded.dir);
  if (registry.problems.length) {
    const more = registry.problems.length > 1 ? ` (and ${registry.problems.length - 1} more: bench plugins doctor)` : '';
    throw new UsageError(registry.problems[0]! + more);
  }
  return { loaded, registry };
}
