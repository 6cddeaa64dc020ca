import type { ChatMessage, ImageSource } from '../../contracts/messages.js';
import { isSkipped } from '../../contracts/sample.js';
import type { TaskPlan } from '../../pipeline/plan.js';

/** What the report shows of a dataset sample besides its record: the prompt and the image. */
export interface SampleView {
  readonly id: string;
  /** The prompt's text parts, images marked `[image]`. */
  readonly prompt: string;
  readonly image: ImageSource | undefined;
}

/**
 * Re-opens a task's data at report time: yields the views of the samples whose ids are asked for, in
 * dataset order, reading the split at most once.
 */
export type SampleLookup = (taskKey: string, split: string, ids: ReadonlySet<string>) => AsyncIterable<SampleView>;

export function promptText(messages: readonly ChatMessage[]): string {
  const text = (message: ChatMessage) =>
    typeof message.content === 'string' ? message.content : message.content.map((part) => (part.type === 'text' ? part.text : '[image]')).join('\n');
  return messages.length === 1 ? text(messages[0]!) : messages.map((m) => `${m.role}: ${text(m)}`).join('\n\n');
}

/** Looks samples up through the tasks of a plan: the same loader, options and data the run used. */
export function sampleLookupFromTasks(tasks: readonly TaskPlan[]): SampleLookup {
  const byKey = new Map(tasks.map((task) => [task.key, task]));
  return async function* lookup(taskKey, split, ids) {
    const plan = byKey.get(taskKey);
    if (!plan || ids.size === 0) return;
    let left = ids.size;
    for await (const item of plan.task.load(plan.source, split, plan.options)) {
      if (isSkipped(item) || !ids.has(item.id)) continue;
      yield { id: item.id, prompt: promptText(plan.task.prompt(item, plan.options)), image: item.image };
      if (--left === 0) return;
    }
  };
}
