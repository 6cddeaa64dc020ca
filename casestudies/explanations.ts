import { join } from 'node:path';
import type { ChatMessage } from '../core/contracts/messages.js';
import type { Sample } from '../core/contracts/sample.js';
import type { ParseResult } from '../core/contracts/task.js';
import type { AnswerStage } from '../core/pipeline/answer-stage.js';
import type { PairPlan, TaskPlan } from '../core/pipeline/plan.js';
import { fileKey } from '../core/store/run-store.js';
import { stripReasoning } from '../core/tasks/clean-output.js';
import { modelPass } from './model-pass.js';
import { selectedItems } from '../core/pipeline/task-items.js';

/** Where a teacher's explanations of a task's samples are kept: resumable, like a predictions file. */
export function explanationsPath(outDir: string, taskKey: string, teacherKey: string): string {
  return join(outDir, 'explanations', fileKey(taskKey), `${fileKey(teacherKey)}.jsonl`);
}

/** The prompt for a sample's gold label (the table was checked against the task's labels up front). */
export function explanationPrompt(prompts: Readonly<Record<string, string>>, sample: Sample): string {
  const prompt = prompts[String(sample.gold)];
  if (prompt === undefined) throw new Error(`no explanation prompt for label ${JSON.stringify(sample.gold)}`);
  return prompt;
}

/**
 * What the teacher is asked: the task's own prompt (image and, where the task shows it, the post
 * text), the gold answer as the assistant's turn, then the label's "Why ...?" question. The teacher
 * thus explains the gold label with everything the evaluated model sees.
 */
export function explanationMessages(task: TaskPlan, prompts: Readonly<Record<string, string>>, sample: Sample): ChatMessage[] {
  return [
    ...task.task.prompt(sample, task.options),
    { role: 'assistant', content: task.task.answer(sample.gold, task.options) },
    { role: 'user', content: explanationPrompt(prompts, sample) },
  ];
}

/** An explanation is the answer without its reasoning block; an empty one is not usable. */
export function parseExplanation(output: string): ParseResult<string> {
  const text = stripReasoning(output).trim();
  return text ? { value: text, valid: true } : { value: null, valid: false };
}

/** The teacher's pass over a task's split. */
export function explanationStage(teacher: PairPlan, split: string, path: string, prompts: Readonly<Record<string, string>>): AnswerStage {
  return modelPass(teacher, {
    path,
    samples: () => selectedItems(teacher.task, split),
    messages: (sample) => explanationMessages(teacher.task, prompts, sample),
    parse: (output) => parseExplanation(output),
  });
}
