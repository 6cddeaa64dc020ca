import type { LoadedItem } from '../contracts/sample.js';
import type { TaskPlan } from '../pipeline/plan.js';
import { selectSample } from '../pipeline/sample-selection.js';

/**
 * The items of a split that the task's config selects: its `sample` draw, else its first `limit`
 * rows (skipped rows count, as in `bench run`), else all of them, in dataset order.
 */
export async function* splitItems(plan: TaskPlan, split: string): AsyncGenerator<LoadedItem> {
  const load = () => plan.task.load(plan.source, split, plan.options);
  const selected = plan.sample ? await selectSample(load(), plan.sample) : undefined;
  let seen = 0;
  for await (const item of load()) {
    if (plan.limit !== undefined && seen >= plan.limit) return;
    if (selected && !selected.has(item.id)) continue;
    seen++;
    yield item;
  }
}
