import { SAMPLE_FOLDER } from './sample-data.js';
import type { ScaffoldSpec } from './spec.js';

export function taskSource(spec: ScaffoldSpec): string {
  return `import { fileURLToPath } from 'node:url';
import { defineClassificationTask } from 'mmsoc-bench';

/**
 * The bundled sample, as an absolute path: mmsoc-bench resolves a relative default path against its
 * own folder, not this package's. A config can point the task at other data with tasks.<key>.dataset.path.
 */
export const SAMPLE_DIR = fileURLToPath(new URL('../${SAMPLE_FOLDER}', import.meta.url));

/**
 * Is a post (image and caption) sarcastic? The model answers Yes or No; the shared parser reads the
 * answer leniently ("Yes.", "**No**", "No, it is sincere") and marks anything else invalid.
 */
export const sarcasmTask = defineClassificationTask({
  id: '${spec.ids.task}',
  version: '1',
  description: 'Is the post sarcastic? (image and caption)',
  dataset: { path: SAMPLE_DIR, format: 'jsonl' },
  splits: { eval: 'test' },
  prompt: 'Is this social media post sarcastic? Answer Yes or No.',
  choices: { sarcastic: ['Yes', 'sarcastic'], sincere: ['No', 'sincere', 'not sarcastic'] },
  gold: (raw) => (raw === 1 ? 'sarcastic' : raw === 0 ? 'sincere' : undefined),
  postInPrompt: { maxWords: () => 200 },
  metrics: ['accuracy', 'macro-f1', 'valid-rate', '${spec.ids.metric}'],
});
`;
}

export function modelSource(spec: ScaffoldSpec): string {
  return `import { z, type ModelInstance, type ModelPlugin, type TaskPlugin } from 'mmsoc-bench';

const keywordOptions = z.strictObject({
  /** Label -> phrases; the model answers the first label one of whose phrases the post text contains. */
  keywords: z.record(z.string(), z.array(z.string().min(1))).default({ sarcastic: ['yeah right', 'totally', 'love it when'] }),
  /** The label answered when no phrase occurs. */
  otherwise: z.string().default('sincere'),
});

export type KeywordOptions = z.output<typeof keywordOptions>;

/**
 * An in-process baseline: no server, no images. A model for an OpenAI-compatible server would instead
 * extend OpenAICompatibleModel from 'mmsoc-bench' and declare endpoints: 'required'.
 */
export const keywordModel = {
  id: '${spec.ids.model}',
  description: 'Answers a label when the post text contains one of its phrases (in-process baseline)',
  endpoints: 'none',
  supports: (task: TaskPlugin) => task.kind === 'classification' || \`it answers class labels; \${task.id} is a \${task.kind ?? 'non-classification'} task\`,
  options: (raw: Readonly<Record<string, unknown>>) => keywordOptions.parse(raw),
  create(options: KeywordOptions): ModelInstance {
    const phrases = Object.entries(options.keywords).map(([label, words]) => ({ label, words: words.map((w) => w.toLowerCase()) }));
    return {
      // Part of each request's hash: other keywords give other answers, so they are not a resumed run.
      identity: '${spec.ids.model}:' + JSON.stringify(options),
      needsImages: false,
      async generate({ sample, task }) {
        const text = (sample.text ?? '').toLowerCase();
        const hit = phrases.find(({ words }) => words.some((word) => text.includes(word)));
        return { text: task.answer(hit?.label ?? options.otherwise, {}) };
      },
    };
  },
} satisfies ModelPlugin<KeywordOptions>;
`;
}

export function metricSource(spec: ScaffoldSpec): string {
  return `import type { MetricPlugin } from 'mmsoc-bench';

const ID = '${spec.ids.metric}';

/**
 * Share of the task's labels that the model answered at least once: 1 when it uses every label, lower
 * when it collapsed onto fewer answers, which accuracy hides on skewed data. The core adds the
 * bootstrap interval.
 */
export const labelCoverage: MetricPlugin = {
  id: ID,
  description: "Share of the task's labels the model predicted at least once",
  compute(records, { labels }) {
    const known = labels ?? [...new Set(records.map((record) => String(record.gold)))];
    const predicted = new Set(records.map((record) => String(record.prediction)));
    const covered = known.filter((label) => predicted.has(label)).length;
    return { [ID]: known.length > 0 ? covered / known.length : Number.NaN };
  },
};
`;
}

export function indexSource(spec: ScaffoldSpec): string {
  return `import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin } from 'mmsoc-bench';
import { labelCoverage } from './metric.js';
import { keywordModel } from './model.js';
import { SAMPLE_DIR, sarcasmTask } from './task.js';

export default definePlugin({
  // The plugin API version this code is written for. Keep it a number, not mmsoc-bench's
  // PLUGIN_API_VERSION: a newer mmsoc-bench must be able to see that this plugin predates it.
  apiVersion: ${spec.apiVersion},
  name: '${spec.name}',
  tasks: [sarcasmTask],
  models: [keywordModel],
  metrics: [labelCoverage],
  // Run by \`bench plugins doctor\`: what the registry cannot see, such as data missing from the package.
  selfCheck: () =>
    existsSync(join(SAMPLE_DIR, 'test.jsonl')) ? [] : [\`sample data \${SAMPLE_DIR}/test.jsonl is missing; keep "data" in package.json "files"\`],
});
`;
}
