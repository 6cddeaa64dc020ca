import type { BenchConfig } from '../config/schema.js';
import { sha256Hex } from '../util/hash.js';
import { stableJson } from '../util/stable-json.js';
import type { PluginRegistry } from '../registry/registry.js';
import { taskPluginOf, taskSelection, type RunSelection, type TaskSelection } from './build-plan.js';
import { configHash } from './config-hash.js';

/** What a task of a run answers: the task plugin's id and version (its prompt and parser) and its samples. */
export interface TaskIdentity extends TaskSelection {
  readonly task: string;
  readonly version: string;
}

/**
 * What a run's numbers are numbers of: the config (models and their generation settings, tasks, data,
 * options, plugins; see configHash) and, for every task of the config, the task version and the exact
 * selection of samples, with the command line's --split, --limit, --sample and --seed applied. Two
 * invocations with the same identity (and the same --shard) share a run folder; any difference is a
 * new run, so no run ever mixes two sample sets. --tasks and --models pick pairs of one run, so they
 * are not part of it.
 */
export interface RunIdentity {
  readonly config: string;
  readonly tasks: Readonly<Record<string, TaskIdentity>>;
}

export function runIdentity(config: BenchConfig, registry: PluginRegistry, selection: RunSelection): RunIdentity {
  const tasks = Object.fromEntries(
    Object.entries(config.tasks).map(([key, taskConfig]) => {
      const task = taskPluginOf(key, taskConfig, registry);
      return [key, { task: task.id, version: task.version, ...taskSelection(key, taskConfig, task, selection, config.seed) }];
    }),
  );
  return { config: configHash(config), tasks };
}

/** The hash run folders are matched by (and named after). */
export function identityHash(identity: RunIdentity): string {
  return sha256Hex(stableJson(identity)).slice(0, 16);
}

function summary(task: TaskIdentity | undefined): Record<string, string> {
  if (!task) return { task: 'absent' };
  return {
    task: `${task.task} v${task.version}`,
    split: task.split,
    samples: task.limit !== undefined ? `first ${task.limit}` : task.sample ? `${task.sample.size} drawn with seed ${task.sample.seed}` : 'all',
  };
}

/** What differs between two identities of one config, task by task: `hate-speech: samples first 100 -> first 50`. */
export function identityDifferences(before: RunIdentity, now: RunIdentity): string[] {
  const keys = [...new Set([...Object.keys(before.tasks), ...Object.keys(now.tasks)])];
  return keys.flatMap((key) => {
    const was = summary(before.tasks[key]);
    const is = summary(now.tasks[key]);
    const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])];
    return fields.filter((field) => was[field] !== is[field]).map((field) => `${key}: ${field} ${was[field] ?? '-'} -> ${is[field] ?? '-'}`);
  });
}
