import { dirname } from 'node:path';
import { configSchema, type BenchConfig } from '../config/schema.js';
import type { RunManifest } from '../store/run-store.js';
import type { PluginLoader } from '../registry/plugin-loader.js';
import type { PluginRegistry } from '../registry/registry.js';

export interface RunPlugins {
  readonly config: BenchConfig;
  /** Folder of the run's config file: its relative paths (plugins, data) resolve against it. */
  readonly configDir: string;
  readonly registry: PluginRegistry;
}

/**
 * The plugins a finished run was made with, found again from the config snapshot in its manifest
 * (commands that work on run folders need the run's tasks and metrics, not today's config).
 */
export async function runPlugins(manifest: RunManifest, plugins: PluginLoader): Promise<RunPlugins> {
  const parsed = configSchema.safeParse(manifest.config);
  if (!parsed.success) throw new Error('the config snapshot in manifest.json is not a valid config');
  const configDir = dirname(manifest.configFile);
  const registry = await plugins.load(parsed.data.plugins, configDir);
  if (registry.problems.length) throw new Error(registry.problems[0]);
  return { config: parsed.data, configDir, registry };
}
