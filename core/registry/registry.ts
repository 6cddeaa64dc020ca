import type { CollectorPlugin } from '../contracts/collector.js';
import type { MetricPlugin } from '../contracts/metric.js';
import type { ModelPlugin } from '../contracts/model.js';
import { PLUGIN_API_VERSION, type PluginDefinition } from '../contracts/plugin.js';
import type { TaskPlugin } from '../contracts/task.js';
import { UsageError } from '../errors.js';
import { importFile } from '../util/import-file.js';
import { didYouMean } from './close-matches.js';
import { describeOrigin, type PluginOrigin } from './plugin-source.js';

export type PluginKind = 'task' | 'model' | 'metric' | 'collector';

const COLLECTIONS = { task: 'tasks', model: 'models', metric: 'metrics', collector: 'collectors' } as const;

/** Members each kind of plugin object must have, checked when a plugin is registered. */
const REQUIRED: Record<PluginKind, readonly string[]> = {
  task: ['id', 'load', 'prompt', 'parse', 'answer'],
  model: ['id', 'options', 'create'],
  metric: ['id', 'compute'],
  collector: ['id', 'run'],
};

export interface RegisteredPlugin {
  readonly definition: PluginDefinition;
  readonly origin: PluginOrigin;
}

interface Entry {
  readonly plugin: { readonly id: string; readonly description?: string };
  readonly origin: PluginOrigin;
}

/**
 * Every task, model, metric and collector known to this process, by id. Problems with one plugin
 * (it throws on import, targets another API version, clashes with an id) are collected as one-line
 * messages, so the others still load and all problems can be shown at once.
 */
export class PluginRegistry {
  readonly problems: string[] = [];
  readonly plugins: RegisteredPlugin[] = [];
  readonly #entries: Record<PluginKind, Map<string, Entry>> = {
    task: new Map(),
    model: new Map(),
    metric: new Map(),
    collector: new Map(),
  };

  /** Imports a plugin module and registers its default export; failures become problems. */
  async import(origin: PluginOrigin): Promise<void> {
    let module: Record<string, unknown>;
    try {
      module = (await importFile(origin.entry)) as Record<string, unknown>;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.problems.push(`${describeOrigin(origin)}: failed to load (${reason}); fix or remove this plugin`);
      return;
    }
    const definition = (module.default ?? module.plugin) as PluginDefinition | undefined;
    if (!definition || typeof definition !== 'object') {
      this.problems.push(
        `${describeOrigin(origin)}: exports no plugin; export default definePlugin({ apiVersion: ${PLUGIN_API_VERSION}, ... })`,
      );
      return;
    }
    this.add(definition, origin);
  }

  add(definition: PluginDefinition, origin: PluginOrigin): void {
    const label = describeOrigin(origin);
    if (definition.apiVersion !== PLUGIN_API_VERSION) {
      this.problems.push(
        `${label}: declares plugin apiVersion ${String(definition.apiVersion)}, but this mmsoc-bench supports apiVersion ${PLUGIN_API_VERSION}; ` +
          (Number(definition.apiVersion) > PLUGIN_API_VERSION
            ? 'upgrade mmsoc-bench or use an older release of the plugin'
            : 'upgrade the plugin to the current plugin API'),
      );
      return;
    }
    this.plugins.push({ definition, origin });
    for (const kind of Object.keys(COLLECTIONS) as PluginKind[]) {
      const items = (definition[COLLECTIONS[kind]] ?? []) as readonly Entry['plugin'][];
      for (const plugin of items) this.#register(kind, plugin, origin);
    }
  }

  #register(kind: PluginKind, plugin: Entry['plugin'], origin: PluginOrigin): void {
    const label = describeOrigin(origin);
    const missing = REQUIRED[kind].filter((key) => !(plugin && key in plugin));
    if (missing.length) {
      this.problems.push(`${label}: a ${kind} lacks ${missing.join(', ')}; see docs/plugins.md for the ${kind} contract`);
      return;
    }
    const existing = this.#entries[kind].get(plugin.id);
    if (existing) {
      this.problems.push(
        `${kind} id '${plugin.id}' is defined twice: by ${describeOrigin(existing.origin)} and by ${label}; rename one of them`,
      );
      return;
    }
    this.#entries[kind].set(plugin.id, { plugin, origin });
  }

  #get(kind: PluginKind, id: string, where: string): Entry['plugin'] {
    const entry = this.#entries[kind].get(id);
    if (!entry) {
      throw new UsageError(`${where}: unknown ${kind} '${id}'${didYouMean(id, this.#entries[kind].keys())} (bench list ${COLLECTIONS[kind]} shows all)`);
    }
    return entry.plugin;
  }

  task(id: string, where = 'task'): TaskPlugin {
    return this.#get('task', id, where) as TaskPlugin;
  }

  model(id: string, where = 'model'): ModelPlugin {
    return this.#get('model', id, where) as ModelPlugin;
  }

  metric(id: string, where = 'metric'): MetricPlugin {
    return this.#get('metric', id, where) as MetricPlugin;
  }

  collector(id: string, where = 'collector'): CollectorPlugin {
    return this.#get('collector', id, where) as CollectorPlugin;
  }

  list(kind: PluginKind): Array<{ id: string; description: string; origin: PluginOrigin }> {
    return [...this.#entries[kind].values()]
      .map(({ plugin, origin }) => ({ id: plugin.id, description: plugin.description ?? '', origin }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
