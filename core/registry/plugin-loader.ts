import { join } from 'node:path';
import type { Clock } from '../services/clock.js';
import { discoverPlugins, preloadBuiltins } from './discover.js';
import { saveRegistryRecord } from './record.js';
import type { PluginRegistry } from './registry.js';

/** Builds the registry for a project and keeps the record of what it found. */
export class PluginLoader {
  constructor(private readonly clock: Clock) {}

  /** Imports the built-in plugins before a config is loaded (discover.ts says why). */
  preloadBuiltins(): Promise<void> {
    return preloadBuiltins();
  }

  async load(configPlugins: readonly string[], projectDir: string): Promise<PluginRegistry> {
    const registry = await discoverPlugins({ configPlugins, configDir: projectDir, projectDir });
    try {
      await saveRegistryRecord(join(projectDir, '.bench', 'registry.json'), registry, new Date(this.clock.now()));
    } catch {
      // The record is informational; a read-only project folder must not stop a command.
    }
    return registry;
  }
}
