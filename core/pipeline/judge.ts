import type { ChatMessage } from '../contracts/messages.js';
import type { Sample, TaskPlugin } from '../contracts/index.js';
import { stripReasoning } from '../tasks/clean-output.js';

/** The question a task asked: the text parts of its prompt. */
export function questionOf(messages: readonly ChatMessage[]): string {
  return messages
    .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.flatMap((p) => (p.type === 'text' ? [p.text] : []))))
    .join('\n');
}

/**
 * The judge's prompt: the image(s) the model saw, the question, the model's answer and the task's
 * rubric, asking for a 1-5 score in a fixed format.
 */
export function judgeMessages(task: TaskPlugin, sample: Sample, options: Record<string, unknown>, answer: string): ChatMessage[] {
  const asked = task.prompt(sample, options);
  const images = asked.flatMap((m) => (typeof m.content === 'string' ? [] : m.content.filter((p) => p.type === 'image')));
  const text = [
    'You are grading an answer to a question about the image.',
    `Question: ${questionOf(asked)}`,
    `Answer: ${answer}`,
    `Criteria: ${task.rubric ?? 'The answer is accurate, specific and supported by the image.'}`,
    'Rate the answer from 1 (very poor) to 5 (excellent). Reply with "Score: N" and nothing else.',
  ].join('\n');
  return [{ role: 'user', content: [...images, { type: 'text', text }] }];
}

/** Reads a 1-5 score: `Score: 4`, `**Score**: 4/5`, or an answer that is just the digit. */
export function parseScore(output: string): { value: number | null; valid: boolean } {
  const answer = stripReasoning(output).trim();
  const labelled = /score\W*([1-5])(?![0-9])/i.exec(answer);
  if (labelled) return { value: Number(labelled[1]), valid: true };
  const bare = /^\W*([1-5])\W*$/.exec(answer);
  if (bare) return { value: Number(bare[1]), valid: false };
  return { value: null, valid: false };
}
