import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { TOKENS } from '../tokens.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load.js';
import { describeOrigin } from '../registry/plugin-source.js';
import type { PluginKind } from '../registry/registry.js';
import type { CommandFactory } from './main.js';

const KINDS: Record<string, PluginKind> = { tasks: 'task', models: 'model', metrics: 'metric', collectors: 'collector' };

export const listCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .positional('kind', { choices: Object.keys(KINDS), describe: 'What to list' })
      .option('config', { alias: 'c', type: 'string', describe: `Config whose plugins to include (default: ${DEFAULT_CONFIG_FILE} if present)` })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
  handler: async (argv: { kind: string; config?: string; json: boolean; debug: boolean }) => {
    const container = env.container(argv.debug);
    const output = container.get(TOKENS.Output);
    const logger = container.get(TOKENS.Logger);
    const configPath = argv.config ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
    const loaded = configPath ? await loadConfig(configPath) : undefined;
    const registry = await container.get(TOKENS.PluginLoader).load(loaded?.config.plugins ?? [], loaded?.dir ?? resolve('.'));
    // Broken plugins are reported, and everything else is still listed.
    for (const problem of registry.problems) logger.warn(problem);
    const entries = registry.list(KINDS[argv.kind]!);
    if (argv.json) {
      output(JSON.stringify(entries.map((e) => ({ id: e.id, description: e.description, source: e.origin.kind, origin: describeOrigin(e.origin) })), null, 2) + '\n');
      return;
    }
    const width = Math.max(...entries.map((e) => e.id.length), 2);
    for (const e of entries) output(`${e.id.padEnd(width)}  ${describeOrigin(e.origin).padEnd(28)}  ${e.description}\n`);
  },
});

