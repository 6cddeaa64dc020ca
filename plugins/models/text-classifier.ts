import { z, type ModelInstance, type ModelPlugin, type Sample, type TaskPlugin } from 'mmsoc-bench';
import { HASHED_DIMENSIONS, textFeatures } from './text-features.js';
import { SoftmaxRegression, type Example } from './text-softmax-regression.js';

const ID = 'baseline/text-classifier';

const textClassifierOptions = z.strictObject({
  seed: z.int().default(0),
  epochs: z.int().positive().default(30),
  learningRate: z.number().positive().default(0.5),
  l2: z.number().nonnegative().default(1e-4),
}).refine((o) => o.learningRate * o.l2 < 1, {
  // Each step multiplies the weights by 1 - learningRate × l2: at 0 or below they vanish or flip sign.
  message: 'learningRate × l2 must be below 1',
});

type TextClassifierOptions = z.output<typeof textClassifierOptions>;

/** Turns the train split into examples; the split is read once, so its features are kept (sparse). */
async function examplesOf(train: AsyncIterable<Sample>, task: TaskPlugin, labels: readonly string[]): Promise<Example[]> {
  const examples: Example[] = [];
  for await (const sample of train) {
    const label = labels.indexOf(sample.gold as string);
    if (label < 0) {
      throw new Error(`${ID}: sample ${sample.id} of ${task.id} has gold ${JSON.stringify(sample.gold)}, not one of ${labels.join(', ')}`);
    }
    examples.push({ features: textFeatures(sample.text ?? ''), label });
  }
  return examples;
}

/**
 * Reads only the sample's text (meme caption, post): how far the words alone go, with no image. Hashed
 * word and character n-grams feed a multinomial logistic regression fitted on the task's train split.
 */
export const textClassifierBaseline: ModelPlugin<TextClassifierOptions> = {
  id: ID,
  description: 'Logistic regression on hashed word and character n-grams of the sample text, fitted on the train split',
  endpoints: 'none',
  supports: (task) => task.kind === 'classification' || `it classifies; ${task.id} is a ${task.kind ?? 'non-classification'} task`,
  options: (raw) => textClassifierOptions.parse(raw),
  create(options): ModelInstance {
    let fitted: { model: SoftmaxRegression; labels: readonly string[] } | undefined;
    return {
      identity: `${ID}:${Object.entries(options).map(([key, value]) => `${key}=${value}`).join(',')}`,
      needsImages: false,
      async fit(train, task) {
        const labels = task.labels;
        if (!labels) throw new Error(`${ID} needs a classification task; ${task.id} has no labels`);
        const examples = await examplesOf(train, task, labels);
        if (examples.length === 0) throw new Error(`${ID} learned nothing: task ${task.id} has no samples in its train split`);
        const model = SoftmaxRegression.train(examples, { ...options, classes: labels.length, dimensions: HASHED_DIMENSIONS });
        fitted = { model, labels };
      },
      async generate({ sample, task }) {
        if (!fitted) throw new Error(`${ID} was not fitted`);
        const label = fitted.labels[fitted.model.predict(textFeatures(sample.text ?? ''))]!;
        return { text: task.answer(label, {}) };
      },
    };
  },
};
