import type { LoadedItem } from '../contracts/sample.js';
import type { TaskPlan } from './plan.js';
import { selectSample } from './sample-selection.js';

/** The ids a task's `sample` setting draws from a split (undefined when it has none). */
export async function sampledIds(task: TaskPlan, split: string): Promise<ReadonlySet<string> | undefined> {
  return task.sample ? selectSample(task.task.load(task.source, split, task.options), task.sample) : undefined;
}

/**
 * The items of a split that the task's config selects, in dataset order: the `selected` ids (its
 * sample draw), else its first `limit` rows (skipped rows count, so every command agrees), else all.
 */
export async function* taskItems(task: TaskPlan, split: string, selected: ReadonlySet<string> | undefined): AsyncGenerator<LoadedItem> {
  let seen = 0;
  for await (const item of task.task.load(task.source, split, task.options)) {
    if (task.limit !== undefined && seen >= task.limit) return;
    if (selected && !selected.has(item.id)) continue;
    seen++;
    yield item;
  }
}

/** `taskItems` with the sample drawn first. */
export async function* selectedItems(task: TaskPlan, split: string): AsyncGenerator<LoadedItem> {
  yield* taskItems(task, split, await sampledIds(task, split));
}
