import type { PredictionRecord } from '../contracts/metric.js';
import type { TaskPlugin } from '../contracts/task.js';

/** Fewer labelled samples than this say too little about a class balance to warn on. */
const MIN_SAMPLES = 20;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The warning for a task whose evaluated gold labels contradict its documented class balance (the
 * task's `prior`): the label is the majority where it should be the minority, or the other way round.
 * That is what a flipped label mapping looks like, and it would silently swap every score.
 */
export function priorWarning(taskKey: string, task: TaskPlugin, options: Readonly<Record<string, unknown>>, records: readonly PredictionRecord[]): string | undefined {
  const { prior } = task;
  if (!prior) return undefined;
  const labelled = records.filter((record) => !record.skipped && record.gold !== null);
  if (labelled.length < MIN_SAMPLES) return undefined;
  const count = labelled.filter((record) => record.gold === prior.label).length;
  const share = count / labelled.length;
  if (share === 0.5 || prior.share < 0.5 === share < 0.5) return undefined;
  const setting = prior.option ? ` (tasks.${taskKey}.options.${prior.option} is ${JSON.stringify(options[prior.option])})` : '';
  return `${taskKey}: ${count} of ${labelled.length} evaluated samples (${percent(share)}) are '${prior.label}', but about ${percent(prior.share)} of ${task.id}'s data is: the label direction may be flipped${setting}`;
}
