import { z, type ModelInstance, type ModelPlugin, type Sample, type TaskPlugin } from 'mmsoc-bench';
import { describeCandidate, fitChosen, selectModel, type HeldOutScore, type LabelledText, type Predictor } from './text-model-selection.js';

const ID = 'baseline/text-classifier';

/**
 * Half-decade steps of C (scikit-learn's inverse regularisation strength; its default is 1): from a
 * penalty that leaves little but the intercepts to one that lets rare n-grams fit their few examples.
 */
const C_GRID = [0.1, 0.3, 1, 3, 10, 30];

const textClassifierOptions = z.strictObject({
  /** Seeds how the train split is dealt into cross-validation folds, the only randomness. */
  seed: z.int().default(0),
  folds: z.int().min(2).max(20).default(5),
  /** The values of C cross-validation chooses among (the majority-class model always competes too). */
  C: z.array(z.number().positive()).min(1).default(C_GRID),
});

type TextClassifierOptions = z.output<typeof textClassifierOptions>;

/** The train split's texts with their class indices; the split is read once, so they are kept. */
async function textsOf(train: AsyncIterable<Sample>, task: TaskPlugin, labels: readonly string[]): Promise<LabelledText[]> {
  const texts: LabelledText[] = [];
  for await (const sample of train) {
    const label = labels.indexOf(sample.gold as string);
    if (label < 0) {
      throw new Error(`${ID}: sample ${sample.id} of ${task.id} has gold ${JSON.stringify(sample.gold)}, not one of ${labels.join(', ')}`);
    }
    texts.push({ text: sample.text ?? '', label });
  }
  return texts;
}

const formatScore = ({ candidate, logLoss, accuracy, macroF1 }: HeldOutScore) =>
  `${describeCandidate(candidate)} ${logLoss.toFixed(3)}/${accuracy.toFixed(3)}/${macroF1.toFixed(3)}`;

/**
 * Reads only the sample's text (meme caption, post): how far the words alone go, with no image. Hashed
 * word (and character) n-grams feed a multinomial logistic regression fitted on the task's train
 * split, its feature set and regularisation chosen by cross-validation there; where no text model beats
 * answering the majority class on held-out folds, it answers the majority class
 * (text-model-selection.ts). The fold choices are logged, so a run shows why it answered as it did.
 */
export const textClassifierBaseline: ModelPlugin<TextClassifierOptions> = {
  id: ID,
  description:
    'Logistic regression on hashed word and character n-grams of the sample text, tuned by cross-validation on the train split; the majority class where the text does not beat it',
  endpoints: 'none',
  supports: (task) => task.kind === 'classification' || `it classifies; ${task.id} is a ${task.kind ?? 'non-classification'} task`,
  options: (raw) => textClassifierOptions.parse(raw),
  create(options, context): ModelInstance {
    let fitted: { predict: Predictor; labels: readonly string[] } | undefined;
    return {
      identity: `${ID}:seed=${options.seed},folds=${options.folds},C=${options.C.join('/')}`,
      needsImages: false,
      async fit(train, task) {
        const labels = task.labels;
        if (!labels) throw new Error(`${ID} needs a classification task; ${task.id} has no labels`);
        const texts = await textsOf(train, task, labels);
        if (texts.length === 0) throw new Error(`${ID} learned nothing: task ${task.id} has no samples in its train split`);
        const selection = selectModel(texts, labels.length, { grid: options.C, folds: options.folds, seed: options.seed });
        context.logger.info(
          `${ID} on ${task.id}: ${selection.folds}-fold held-out log-loss/accuracy/macro-F1 of the train split: ` +
            `${selection.scores.map(formatScore).join(', ') || 'none (a single class)'}; chose ${describeCandidate(selection.chosen)}`,
        );
        fitted = { predict: fitChosen(texts, labels.length, selection.chosen), labels };
      },
      async generate({ sample, task }) {
        if (!fitted) throw new Error(`${ID} was not fitted`);
        const label = fitted.labels[fitted.predict(sample.text ?? '')]!;
        return { text: task.answer(label, {}) };
      },
    };
  },
};
