import type { ResolvedChatMessage } from '../contracts/messages.js';
import { phraseWords } from '../tasks/answer-sentences.js';
import { stripReasoning } from '../tasks/clean-output.js';

/** What the extraction model answers when the answer gives none of the labels. */
export const NO_LABEL = 'none';

/**
 * The fallback for answers the rules cannot read (`tasks.<key>.extractWith`, as VLMEvalKit does):
 * a text-only prompt giving the question, the model's answer and the labels, asking which label the
 * answer gives, or `none`. The image is not sent: the extractor reads the answer, it does not answer.
 */
export function extractionMessages(question: string, answer: string, labels: readonly string[]): ResolvedChatMessage[] {
  const text = [
    'You are reading the answer a model gave to a classification question. Do not answer the question yourself.',
    `Question: ${question}`,
    `Answer: ${answer}`,
    `Labels: ${labels.map((label) => `"${label}"`).join(', ')}`,
    `Which label does the answer give? If it gives none of them, refuses, hedges or is ambiguous, the label is "${NO_LABEL}".`,
    `Reply with the label only, exactly as written above, or "${NO_LABEL}".`,
  ].join('\n');
  return [{ role: 'user', content: text }];
}

/**
 * The extractor's reply read strictly: one of the labels (case, quotes, markdown and final punctuation
 * aside), else no label. The rules' leniency is not applied to the extractor's own answer.
 */
export function readExtraction(output: string, labels: readonly string[]): string | null {
  const reply = phraseWords(stripReasoning(output)).join(' ');
  return labels.find((label) => phraseWords(label).join(' ') === reply) ?? null;
}
