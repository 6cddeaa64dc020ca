import { DEFAULT_GRADIENT_TOLERANCE, minimise } from './lbfgs.js';
import type { SparseVector } from './text-features.js';

export interface Example {
  readonly features: SparseVector;
  /** Class index in [0, classes). */
  readonly label: number;
}

/**
 * Examples re-indexed over the features they contain: a feature no example has would get weight 0
 * anyway (the penalty pulls it there), so parameters are dense over the seen features only, and
 * several fits on the same set (a regularisation path) share one indexing.
 */
export class TrainingSet {
  /** Hashed feature index -> column of the dense parameters. */
  readonly columns = new Map<number, number>();
  private readonly rows: { readonly columns: Uint32Array; readonly values: Float32Array; readonly label: number }[];

  constructor(
    examples: readonly Example[],
    readonly classes: number,
  ) {
    this.rows = examples.map(({ features, label }) => ({
      columns: features.indices.map((index) => {
        let column = this.columns.get(index);
        if (column === undefined) this.columns.set(index, (column = this.columns.size));
        return column;
      }),
      values: features.values,
      label,
    }));
  }

  get size(): number {
    return this.rows.length;
  }

  /** How many examples each class has. */
  classCounts(): number[] {
    const counts = new Array<number>(this.classes).fill(0);
    for (const { label } of this.rows) counts[label]!++;
    return counts;
  }

  /** Each class's share of the examples, add-one smoothed so a class missing from them is not impossible. */
  classShares(): Float64Array {
    const counts = this.classCounts();
    const total = counts.reduce((sum, count) => sum + count + 1, 0);
    return Float64Array.from(counts, (count) => (count + 1) / total);
  }

  /** Number of parameters: a weight per seen feature and class, then one intercept per class. */
  get parameters(): number {
    return (this.columns.size + 1) * this.classes;
  }

  /** Mean log-loss + l2 / 2 · |weights|² (intercepts are not penalised), with its gradient. */
  objective(l2: number, theta: Float64Array, gradient: Float64Array): number {
    const classes = this.classes;
    const interceptAt = this.columns.size * classes;
    const scores = new Float64Array(classes);
    gradient.fill(0);
    let loss = 0;
    for (const row of this.rows) {
      for (let k = 0; k < classes; k++) scores[k] = theta[interceptAt + k]!;
      for (let j = 0; j < row.columns.length; j++) {
        const base = row.columns[j]! * classes;
        for (let k = 0; k < classes; k++) scores[k] = scores[k]! + theta[base + k]! * row.values[j]!;
      }
      const normaliser = logSumExp(scores);
      loss += normaliser - scores[row.label]!;
      for (let k = 0; k < classes; k++) {
        // d(loss)/d(score k) = probability of k - [k is the label]
        const residual = Math.exp(scores[k]! - normaliser) - (k === row.label ? 1 : 0);
        gradient[interceptAt + k] = gradient[interceptAt + k]! + residual;
        for (let j = 0; j < row.columns.length; j++) {
          const at = row.columns[j]! * classes + k;
          gradient[at] = gradient[at]! + residual * row.values[j]!;
        }
      }
    }
    const n = this.rows.length;
    let penalty = 0;
    for (let i = 0; i < gradient.length; i++) gradient[i] = gradient[i]! / n;
    for (let i = 0; i < interceptAt; i++) {
      penalty += theta[i]! * theta[i]!;
      gradient[i] = gradient[i]! + l2 * theta[i]!;
    }
    return loss / n + (l2 / 2) * penalty;
  }
}

/**
 * Multinomial logistic regression on sparse features, fitted to the minimum of its convex objective
 * (see TrainingSet.objective) by L-BFGS, with no randomness: the same examples give the same model.
 */
export class SoftmaxRegression {
  private constructor(
    private readonly set: TrainingSet,
    /** Weights class-interleaved (`theta[column * classes + class]`), then the intercepts. */
    private readonly theta: Float64Array,
  ) {}

  /**
   * Fits on `set` with L2 penalty `l2` > 0. Starting from `warm` (a fit on the same set with a
   * stronger penalty) saves most iterations along a regularisation path; a cold start begins at
   * zero weights and intercepts at the log of the (smoothed) class shares, i.e. at the prior model.
   */
  static fit(set: TrainingSet, l2: number, warm?: SoftmaxRegression): SoftmaxRegression {
    if (warm && warm.set !== set) throw new Error('a warm start must come from the same training set');
    const theta = warm ? Float64Array.from(warm.theta) : new Float64Array(set.parameters);
    if (!warm) theta.set(set.classShares().map(Math.log), set.parameters - set.classes);
    // The gradient must be small next to the penalty's own pull (l2 per unit of weight): with a fixed
    // tolerance, a fit warm-started from a stronger penalty would stop at once when l2 is tiny.
    const tolerance = Math.min(DEFAULT_GRADIENT_TOLERANCE, l2);
    return new SoftmaxRegression(set, minimise((x, gradient) => set.objective(l2, x, gradient), theta, tolerance));
  }

  /** Class probabilities of a text's features; features never seen in training count for nothing. */
  probabilities(features: SparseVector): Float64Array {
    const { classes, columns } = this.set;
    const scores = this.theta.slice(this.theta.length - classes);
    for (let j = 0; j < features.indices.length; j++) {
      const column = columns.get(features.indices[j]!);
      if (column === undefined) continue;
      for (let k = 0; k < classes; k++) scores[k] = scores[k]! + this.theta[column * classes + k]! * features.values[j]!;
    }
    const normaliser = logSumExp(scores);
    return scores.map((score) => Math.exp(score - normaliser));
  }
}

function logSumExp(scores: Float64Array): number {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) max = Math.max(max, scores[k]!);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += Math.exp(scores[k]! - max);
  return max + Math.log(sum);
}
