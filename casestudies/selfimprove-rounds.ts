import { join } from 'node:path';
import type { ChatMessage } from '../core/contracts/messages.js';
import { isSkipped, type LoadedItem, type Sample } from '../core/contracts/sample.js';
import type { AnswerStage } from '../core/pipeline/answer-stage.js';
import type { PairPlan } from '../core/pipeline/plan.js';
import { fileKey } from '../core/store/run-store.js';
import { readPredictions } from '../core/store/predictions-file.js';
import { modelPass } from './model-pass.js';
import { selectedItems } from '../core/pipeline/task-items.js';

/** What every round after the first asks, after showing the model its previous answer. */
export const RECONSIDER_PROMPT = 'Please reconsider your answer. Answer again in the same format.';

export function roundPath(runDir: string, taskKey: string, modelKey: string, round: number): string {
  return join(runDir, 'selfimprove', fileKey(taskKey), fileKey(modelKey), `round-${round}.jsonl`);
}

/** The split's samples the previous round answered, with those answers (filled as the pass starts). */
async function* answeredBefore(items: AsyncIterable<LoadedItem>, previousPath: string, answers: Map<string, string>): AsyncGenerator<Sample> {
  for (const record of readPredictions(previousPath).records.values()) {
    if (record.error === null && !record.skipped && record.output !== null) answers.set(record.id, record.output);
  }
  for await (const item of items) if (!isSkipped(item) && answers.has(item.id)) yield item;
}

/**
 * Round 0 asks the task's own prompt. Round k > 0 asks the same prompt, shows the model its raw
 * answer of round k-1 as its own turn, and asks it to reconsider; the answer is parsed by the task.
 */
export function roundStage(pair: PairPlan, runDir: string, round: number): AnswerStage {
  const { task, model } = pair;
  const path = roundPath(runDir, task.key, model.name, round);
  const asked = (sample: Sample) => task.task.prompt(sample, task.options);
  const parse = (output: string, sample: Sample) => task.task.parse(output, sample, task.options);
  if (round === 0) return modelPass(pair, { path, samples: () => selectedItems(task, task.split), messages: asked, parse });
  const previous = new Map<string, string>();
  const messages = (sample: Sample): ChatMessage[] => {
    const answer = previous.get(sample.id);
    if (answer === undefined) throw new Error(`round ${round - 1} has no answer for ${sample.id}`);
    return [...asked(sample), { role: 'assistant', content: answer }, { role: 'user', content: RECONSIDER_PROMPT }];
  };
  return modelPass(pair, {
    path,
    samples: () => answeredBefore(selectedItems(task, task.split), roundPath(runDir, task.key, model.name, round - 1), previous),
    messages,
    parse,
  });
}
