import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Container } from 'inversify';
import { TOKENS } from '../../tokens.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load.js';
import { readAddedPlugins, registryRecordPath, type AddedPlugin } from '../../registry/record.js';
import type { PluginRegistry } from '../../registry/registry.js';

/** The folder plugins are installed and recorded in: the config's folder, else the current one. */
export interface Project {
  readonly dir: string;
  readonly configPlugins: readonly string[];
  readonly recordPath: string;
}

export const configOption = {
  alias: 'c',
  type: 'string',
  describe: `Config whose folder is the project and whose plugins count (default: ${DEFAULT_CONFIG_FILE} if present)`,
} as const;

export async function openProject(config: string | undefined): Promise<Project> {
  const path = config ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  const loaded = path ? await loadConfig(path) : undefined;
  const dir = loaded?.dir ?? resolve('.');
  return { dir, configPlugins: loaded?.config.plugins ?? [], recordPath: registryRecordPath(dir) };
}

/** Discovers the project's plugins (recording them) and what `bench plugins add` added. */
export async function loadProjectPlugins(container: Container, project: Project): Promise<{ registry: PluginRegistry; added: AddedPlugin[] }> {
  const registry = await container.get(TOKENS.PluginLoader).load(project.configPlugins, project.dir);
  return { registry, added: await readAddedPlugins(project.recordPath) };
}

/** Problems with some plugins never hide the others: they are warnings, one line each. */
export function warnProblems(container: Container, registry: PluginRegistry): void {
  const logger = container.get(TOKENS.Logger);
  for (const problem of registry.problems) logger.warn(problem);
}
