import { seededRandom, type Random } from 'mmsoc-bench';
import type { SparseVector } from './text-features.js';

export interface Example {
  readonly features: SparseVector;
  /** Class index in [0, classes). */
  readonly label: number;
}

export interface TrainingSettings {
  readonly classes: number;
  /** Size of the feature space; every feature index is below it. */
  readonly dimensions: number;
  readonly epochs: number;
  readonly learningRate: number;
  /**
   * L2 penalty per example (the objective is mean log-loss + l2 / 2 · |w|²); biases are not penalised.
   * learningRate × l2 must be below 1.
   */
  readonly l2: number;
  /** Seeds the order examples are visited in, the only randomness of training. */
  readonly seed: number;
}

/** Below this the shrink factor is folded into the weights, before it underflows. */
const MIN_SCALE = 1e-6;

/**
 * Multinomial logistic regression on sparse features. Weights are stored class-interleaved
 * (`weights[feature * classes + class]`) so the classes of one feature sit next to each other.
 */
export class SoftmaxRegression {
  private constructor(
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  /**
   * Stochastic gradient descent, one example per step, examples reshuffled every epoch. L2 decay is a
   * shared scale factor (w = scale · v) so each step costs O(non-zeros · classes), not O(dimensions).
   */
  static train(examples: readonly Example[], settings: TrainingSettings): SoftmaxRegression {
    const { classes, learningRate, l2 } = settings;
    const model = new SoftmaxRegression(new Float64Array(settings.dimensions * classes), new Float64Array(classes));
    const decay = 1 - learningRate * l2;
    const random = seededRandom(settings.seed);
    const order = examples.map((_, i) => i);
    const probabilities = new Float64Array(classes);
    const steps = new Float64Array(classes);
    let scale = 1;
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      shuffle(order, random);
      for (const i of order) {
        const { features, label } = examples[i]!;
        model.scoresInto(probabilities, features, scale);
        softmaxInPlace(probabilities);
        scale *= decay;
        if (scale < MIN_SCALE) {
          model.rescale(scale);
          scale = 1;
        }
        for (let k = 0; k < classes; k++) {
          const gradient = probabilities[k]! - (k === label ? 1 : 0);
          model.bias[k] = model.bias[k]! - learningRate * gradient;
          steps[k] = (learningRate * gradient) / scale;
        }
        for (let j = 0; j < features.indices.length; j++) {
          const base = features.indices[j]! * classes;
          const value = features.values[j]!;
          for (let k = 0; k < classes; k++) model.weights[base + k] = model.weights[base + k]! - steps[k]! * value;
        }
      }
    }
    model.rescale(scale);
    return model;
  }

  /** The most likely class; a tie goes to the lowest class index. */
  predict(features: SparseVector): number {
    const scores = new Float64Array(this.bias.length);
    this.scoresInto(scores, features, 1);
    let best = 0;
    for (let k = 1; k < scores.length; k++) if (scores[k]! > scores[best]!) best = k;
    return best;
  }

  private scoresInto(out: Float64Array, features: SparseVector, scale: number): void {
    const classes = this.bias.length;
    out.fill(0);
    for (let j = 0; j < features.indices.length; j++) {
      const base = features.indices[j]! * classes;
      const value = features.values[j]!;
      for (let k = 0; k < classes; k++) out[k] = out[k]! + this.weights[base + k]! * value;
    }
    for (let k = 0; k < classes; k++) out[k] = out[k]! * scale + this.bias[k]!;
  }

  private rescale(scale: number): void {
    for (let i = 0; i < this.weights.length; i++) this.weights[i] = this.weights[i]! * scale;
  }
}

function softmaxInPlace(scores: Float64Array): void {
  const max = Math.max(...scores);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k]! - max);
    sum += scores[k]!;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = scores[k]! / sum;
}

/** Fisher–Yates, driven by the seeded source so the visiting order is the same on every machine. */
function shuffle(items: number[], random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
