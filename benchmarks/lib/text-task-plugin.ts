/**
 * A plugin used only by the benchmarks (listed in the generated config's `plugins`): a text-only
 * classification task, so that text-only requests go through the same `bench run` pipeline as the
 * image tasks. The built-in tasks all send an image.
 */
import { definePlugin, parseChoice, PLUGIN_API_VERSION, type TaskPlugin } from 'mmsoc-bench';
import { textPrompt } from './prompts.js';

const CHOICES = { hateful: ['Yes', 'hateful'], 'not hateful': ['No', 'not hateful'] } as const;
type Label = keyof typeof CHOICES;

export const TEXT_TASK_ID = 'benchmark-text-only';

const textOnly: TaskPlugin<Label> = {
  id: TEXT_TASK_ID,
  version: '1',
  description: 'Benchmarks only: is this post hateful? (post text alone, no image)',
  dataset: { format: 'jsonl' },
  splits: { eval: 'test' },
  labels: Object.keys(CHOICES),
  metrics: ['accuracy', 'valid-rate'],
  async *load(source, split) {
    for await (const row of source.rows(split)) {
      yield { id: String(row.id), gold: row.label === 1 ? 'hateful' : 'not hateful', text: String(row.text ?? '') };
    }
  },
  prompt: (sample) => [{ role: 'user', content: textPrompt(sample.text ?? '') }],
  parse: (output) => parseChoice(output, CHOICES),
  answer: (gold) => CHOICES[gold][0],
};

export default definePlugin({ apiVersion: PLUGIN_API_VERSION, name: 'mmsoc-bench-benchmarks', tasks: [textOnly] });
