import type { ChatMessage } from '../core/contracts/messages.js';
import type { LoadedItem, Sample } from '../core/contracts/sample.js';
import type { ParseResult } from '../core/contracts/task.js';
import type { AnswerStage } from '../core/pipeline/answer-stage.js';
import type { PairPlan } from '../core/pipeline/plan.js';
import { unanswered } from './unanswered.js';

/**
 * A pass of a pair's model over samples, written to `path`, as runStage runs it: the model's
 * instance, slots and limits, and only the samples the file has no current answer for.
 */
export function modelPass(
  pair: PairPlan,
  pass: {
    readonly path: string;
    readonly samples: () => AsyncIterable<LoadedItem>;
    messages(sample: Sample): readonly ChatMessage[];
    parse(output: string, sample: Sample): ParseResult;
  },
): AnswerStage {
  const { instance, model, task } = pair;
  return {
    predictionsPath: pass.path,
    instance,
    slots: model.slots,
    limits: model.config,
    imageBudget: model.config.image,
    task: task.task,
    items: () => unanswered(pass.samples(), { path: pass.path, identity: instance.identity, task: task.task, messages: (sample) => pass.messages(sample) }),
    messages: (sample) => pass.messages(sample),
    parse: (output, sample) => pass.parse(output, sample),
  };
}
