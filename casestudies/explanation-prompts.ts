import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { TaskPlugin } from '../core/contracts/task.js';
import { formatIssues } from '../core/config/format-issue.js';
import { UsageError } from '../core/errors.js';

/** Task id -> gold label -> the question a teacher is asked about a sample with that label. */
export type ExplanationPrompts = Readonly<Record<string, Readonly<Record<string, string>>>>;

const memePrompts = (word: string, positive: string, negative: string) => ({
  [positive]: `Why is this meme potentially ${word}?`,
  [negative]: `Why is this meme potentially not ${word}?`,
});

const misinformationPrompts = {
  fake: 'Why do you think this image text pair is potentially misinformative?',
  true: 'Why do you think this image text pair is potentially true news?',
};

/**
 * The label-conditioned explanation prompts of MM-Soc, verbatim from the reference. Two are ours,
 * following the reference's pattern, because it has none for these labels and an export should not
 * drop a whole class: sentiment `neutral` and hate speech `not hateful`.
 */
export const DEFAULT_EXPLANATION_PROMPTS: ExplanationPrompts = {
  humor: memePrompts('humorous', 'humorous', 'not_humorous'),
  sarcasm: memePrompts('sarcastic', 'sarcastic', 'not_sarcastic'),
  offensive: memePrompts('offensive', 'offensive', 'not_offensive'),
  motivational: memePrompts('motivational', 'motivational', 'not_motivational'),
  sentiment: {
    positive: 'Why is the sentiment potentially positive?',
    negative: 'Why is the sentiment potentially negative?',
    neutral: 'Why is the sentiment potentially neutral?',
  },
  'hate-speech': {
    hateful: 'Why do you think this meme is potentially hateful?',
    'not hateful': 'Why do you think this meme is potentially not hateful?',
  },
  'misinformation-politifact': misinformationPrompts,
  'misinformation-gossipcop': misinformationPrompts,
};

/** `null` removes a label's prompt, so a task can be made to refuse explanations for it. */
const overridesSchema = z.record(z.string().min(1), z.record(z.string().min(1), z.string().min(1).nullable()));

/** The defaults with a JSON file's entries laid over them, label by label. */
export function loadExplanationPrompts(overridesFile: string | undefined): ExplanationPrompts {
  if (overridesFile === undefined) return DEFAULT_EXPLANATION_PROMPTS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(overridesFile, 'utf8'));
  } catch (error) {
    throw new UsageError(`--explain-prompts ${overridesFile}: cannot read it as JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = overridesSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--explain-prompts ${overridesFile}: ${formatIssues(parsed.error, raw)}`);
  const merged: Record<string, Record<string, string>> = Object.fromEntries(Object.entries(DEFAULT_EXPLANATION_PROMPTS).map(([task, byLabel]) => [task, { ...byLabel }]));
  for (const [task, byLabel] of Object.entries(parsed.data)) {
    const prompts = (merged[task] ??= {});
    for (const [label, prompt] of Object.entries(byLabel)) {
      if (prompt === null) delete prompts[label];
      else prompts[label] = prompt;
    }
  }
  return merged;
}

/**
 * The prompts of one task, one per label, or a UsageError saying what is missing: explanations are
 * conditioned on the gold label, so a task without labels, or a label without a prompt, cannot have
 * them. Checked before any request, so an export never stops halfway for want of a prompt.
 */
export function promptsForTask(prompts: ExplanationPrompts, task: TaskPlugin, taskKey: string): Readonly<Record<string, string>> {
  const labels = task.labels ?? [];
  if (task.kind !== 'classification' || labels.length === 0) {
    throw new UsageError(`--explain-with: task ${taskKey} (${task.id}) has no class labels to condition an explanation on; export it without --explain-with`);
  }
  const byLabel = prompts[task.id] ?? {};
  const missing = labels.filter((label) => byLabel[label] === undefined);
  if (missing.length) {
    throw new UsageError(
      `--explain-with: no explanation prompt for task ${task.id}, label(s) ${missing.map((l) => `'${l}'`).join(', ')}; add them with --explain-prompts FILE ({"${task.id}": {"${missing[0]}": "Why ...?"}})`,
    );
  }
  return Object.fromEntries(labels.map((label) => [label, byLabel[label]!]));
}
