import { z } from 'zod';
import type { PluginContext } from '../contracts/context.js';
import type { ModelPlugin } from '../contracts/model.js';
import type { TaskPlugin } from '../contracts/task.js';
import { formatIssues } from '../config/format-issue.js';
import type { BenchConfig, ModelConfig } from '../config/schema.js';
import { openDatasetSource } from '../data/open-source.js';
import { unknownSplit } from '../data/unknown-split.js';
import { UsageError } from '../errors.js';
import { withColumnMapping } from '../pipeline/column-mapping.js';
import type { ModelPlan, PairPlan, TaskPlan } from '../pipeline/plan.js';
import type { SampleSelection } from '../pipeline/sample-selection.js';
import type { Shard } from '../pipeline/shard.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { PluginRegistry } from '../registry/registry.js';
import { didYouMean } from '../registry/close-matches.js';

export interface RunSelection {
  readonly tasks?: readonly string[];
  readonly models?: readonly string[];
  readonly limit?: number;
  readonly sample?: number;
  readonly seed?: number;
  readonly split?: string;
  readonly shard?: Shard;
}

const CORE_MODEL_KEYS = ['use', 'endpoint', 'endpoints', 'concurrency', 'timeoutMs', 'retries', 'downAfterMs', 'image'] as const;

/** Runs a plugin's validation, turning its failure into one line naming the config key. */
function validated<T>(path: string, input: Readonly<Record<string, unknown>>, validate: (raw: Readonly<Record<string, unknown>>) => T): T {
  try {
    return validate(input);
  } catch (error) {
    if (error instanceof z.ZodError) throw new UsageError(formatIssues(error, input, path.split('.')));
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
}

function pick(keys: readonly string[], selected: readonly string[] | undefined, what: 'tasks' | 'models'): string[] {
  if (!selected) return [...keys];
  for (const key of selected) {
    if (!keys.includes(key)) throw new UsageError(`--${what}: '${key}' is not in the config's ${what}${didYouMean(key, keys)}`);
  }
  return keys.filter((k) => selected.includes(k));
}

function planModel(name: string, config: ModelConfig, registry: PluginRegistry, scheduler: Scheduler, warn: (line: string) => void): ModelPlan & { options: Record<string, unknown> } {
  const plugin: ModelPlugin = registry.model(config.use, `models.${name}.use`);
  const endpoints = config.endpoints ?? (config.endpoint ? [config.endpoint] : []);
  if (config.endpoint && config.endpoints) throw new UsageError(`models.${name}: give either endpoint or endpoints, not both`);
  if (plugin.endpoints === 'required' && endpoints.length === 0) {
    throw new UsageError(`models.${name}: ${config.use} needs endpoint: 'http://host:port/v1' (or endpoints: [...])`);
  }
  if (plugin.endpoints === 'none' && endpoints.length > 0) throw new UsageError(`models.${name}: ${config.use} runs in-process and takes no endpoint`);
  const own = Object.fromEntries(Object.entries(config).filter(([key]) => !(CORE_MODEL_KEYS as readonly string[]).includes(key)));
  const options = validated(`models.${name}`, own, (raw) => plugin.options(raw) as Record<string, unknown>);
  for (const warning of plugin.warnings?.(options) ?? []) warn(`models.${name}.${warning}`);
  const slots = scheduler.slots(endpoints.length ? endpoints : [undefined], config.concurrency, config.downAfterMs);
  return { name, plugin, config, slots, options };
}

/** Which samples of a task a run evaluates: its split, and its first `limit` rows or a seeded `sample` of them. */
export interface TaskSelection {
  readonly split: string;
  readonly limit?: number;
  readonly sample?: SampleSelection;
}

/** The selection of one task: the command line's options over the task's config over the task's defaults. */
export function taskSelection(key: string, config: BenchConfig['tasks'][string], task: TaskPlugin, selection: RunSelection, seed: number): TaskSelection {
  const limit = selection.limit ?? config.limit;
  const size = selection.sample ?? config.sample;
  if (size !== undefined && limit !== undefined) {
    throw new UsageError(`tasks.${key}: give either a limit (the first N samples) or a sample (N drawn at random), not both`);
  }
  return {
    split: selection.split ?? config.split ?? task.splits.eval,
    ...(limit !== undefined ? { limit } : {}),
    ...(size !== undefined ? { sample: { size, seed: selection.seed ?? seed } } : {}),
  };
}

/** The task plugin a config entry names. */
export function taskPluginOf(key: string, config: BenchConfig['tasks'][string], registry: PluginRegistry): TaskPlugin {
  return registry.task(config.use ?? key, config.use ? `tasks.${key}.use` : `tasks.${key}`);
}

/** A split the task's data lacks is a usage error naming the splits it has, before any run folder is touched. */
function checkSplit(task: TaskPlan, split: string, setting: string): void {
  const found = task.source.splits?.();
  if (found && !found.includes(split)) throw new UsageError(`${setting}: ${unknownSplit(split, task.source.root, found).message}`);
}

function planTask(
  key: string,
  config: BenchConfig['tasks'][string],
  registry: PluginRegistry,
  dirs: { configDir: string; packageDir: string },
  selection: RunSelection,
  seed: number,
): TaskPlan {
  const task = taskPluginOf(key, config, registry);
  const options = task.options ? validated(`tasks.${key}.options`, config.options ?? {}, (raw) => task.options!(raw)) : {};
  if (!task.options && config.options && Object.keys(config.options).length) {
    throw new UsageError(`tasks.${key}.options: task ${task.id} takes no options`);
  }
  // A path from the config is the user's data; the task's default path is the bundled sample.
  const spec = { ...task.dataset, ...config.dataset, columns: { ...task.dataset.columns, ...config.dataset?.columns } };
  const baseDir = config.dataset?.path ? dirs.configDir : dirs.packageDir;
  if (!spec.path) {
    throw new UsageError(`tasks.${key}.dataset.path: no local data for ${spec.hub ?? task.id}; run \`bench data pull ${spec.hub ?? '<hub-id>'}\` and set the path`);
  }
  let source;
  try {
    source = openDatasetSource(spec, baseDir);
  } catch (error) {
    throw new UsageError(`tasks.${key}.dataset: ${(error as Error).message}`);
  }
  return {
    key,
    task,
    options,
    source: withColumnMapping(source, spec.columns),
    trainSplit: config.trainSplit ?? task.splits.train,
    ...taskSelection(key, config, task, selection, seed),
    ...(selection.shard ? { shard: selection.shard } : {}),
  };
}

/** The config's tasks (those `selection` picks), each with its plugin, options, data and selection of samples. */
export function planTasks(config: BenchConfig, registry: PluginRegistry, dirs: { configDir: string; packageDir: string }, selection: RunSelection): TaskPlan[] {
  return pick(Object.keys(config.tasks), selection.tasks, 'tasks').map((key) => planTask(key, config.tasks[key]!, registry, dirs, selection, config.seed));
}

/**
 * Turns a validated config and the registry into the task x model pairs to evaluate. Every problem
 * that can be found before the first request (unknown ids, bad plugin options, missing data or
 * environment variables) is raised here as a one-line UsageError.
 */
export function buildPlan(
  config: BenchConfig,
  registry: PluginRegistry,
  context: PluginContext,
  scheduler: Scheduler,
  dirs: { configDir: string; packageDir: string },
  selection: RunSelection,
): PairPlan[] {
  const plans = new Map<string, ReturnType<typeof planModel>>();
  const modelPlan = (name: string) => {
    if (!plans.has(name)) plans.set(name, planModel(name, config.models[name]!, registry, scheduler, context.logger.warn));
    return plans.get(name)!;
  };
  const instanceOf = (model: ReturnType<typeof planModel>) => {
    try {
      return model.plugin.create(model.options, context);
    } catch (error) {
      throw new UsageError(`models.${model.name}: ${(error as Error).message}`);
    }
  };
  const models = pick(Object.keys(config.models), selection.models, 'models').map(modelPlan);
  const tasks = planTasks(config, registry, dirs, selection);
  for (const task of tasks) checkSplit(task, task.split, selection.split !== undefined ? `--split (task ${task.key})` : `tasks.${task.key}.split`);
  return tasks.flatMap((task) => {
    const judgeName = config.tasks[task.key]!.judge;
    if (judgeName !== undefined) {
      if (!config.models[judgeName]) throw new UsageError(`tasks.${task.key}.judge: '${judgeName}' is not a key of models${didYouMean(judgeName, Object.keys(config.models))}`);
      if (task.task.rubric === undefined) throw new UsageError(`tasks.${task.key}.judge: task ${task.task.id} has free-text answers only if it has a rubric; it has none`);
    }
    const judge = judgeName === undefined ? undefined : modelPlan(judgeName);
    const extractorName = config.tasks[task.key]!.extractWith;
    if (extractorName !== undefined) {
      if (!config.models[extractorName]) throw new UsageError(`tasks.${task.key}.extractWith: '${extractorName}' is not a key of models${didYouMean(extractorName, Object.keys(config.models))}`);
      if (task.task.kind !== 'classification' || !task.task.labels?.length) throw new UsageError(`tasks.${task.key}.extractWith: task ${task.task.id} has no labels to read answers into (only classification tasks do)`);
    }
    const extractor = extractorName === undefined ? undefined : modelPlan(extractorName);
    return models.flatMap((model) => {
      const supported = model.plugin.supports?.(task.task) ?? true;
      if (supported !== true) {
        context.logger.debug(`not running ${model.name} on ${task.key}: ${supported}`);
        return [];
      }
      const instance = instanceOf(model);
      if (instance.fit && task.trainSplit) checkSplit(task, task.trainSplit, `tasks.${task.key}.trainSplit (${model.name} learns from it)`);
      return [
        {
          task,
          model,
          instance,
          ...(judge ? { judge: { model: judge, instance: instanceOf(judge) } } : {}),
          ...(extractor ? { extractor: { model: extractor, instance: instanceOf(extractor) } } : {}),
        },
      ];
    });
  });
}
