import { seededRandom, type Random } from 'mmsoc-bench';
import { SoftmaxRegression, TrainingSet, type Example } from './text-softmax-regression.js';
import type { SparseVector } from './text-features.js';

/** A fitted classifier: the index of the class it predicts for a text's features. */
export type Predictor = (features: SparseVector) => number;

/** How a candidate did on the held-out folds, pooled over all of them. */
export interface HeldOutScore {
  /** The L2 penalty, or `prior` for the model that ignores the text and answers the majority class. */
  readonly candidate: number | 'prior';
  readonly logLoss: number;
  readonly accuracy: number;
  readonly macroF1: number;
}

export interface Selection {
  /** The chosen L2 penalty; `prior` when no text model did better on held-out data than the majority class. */
  readonly chosen: number | 'prior';
  readonly scores: readonly HeldOutScore[];
  readonly folds: number;
}

/** Log-loss of a probability this small or smaller is capped, so one confident miss does not dominate. */
const MIN_PROBABILITY = 1e-15;

/** The index of the largest value; a tie goes to the lowest index (the task's label order). */
function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
  return best;
}

/** The model that ignores the text: the smoothed class shares of its training examples. */
function priorOf(set: TrainingSet): Float64Array {
  const counts = set.classCounts();
  const total = counts.reduce((sum, count) => sum + count + 1, 0);
  return Float64Array.from(counts, (count) => (count + 1) / total);
}

/** Stratified folds: each class's examples, shuffled, are dealt out in turn, so every fold has its share. */
function foldOf(examples: readonly Example[], classes: number, folds: number, random: Random): number[] {
  const fold = new Array<number>(examples.length);
  let next = 0;
  for (let k = 0; k < classes; k++) {
    const members = examples.flatMap((example, i) => (example.label === k ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    for (const i of members) fold[i] = next++ % folds;
  }
  return fold;
}

/** Pooled held-out answers of one candidate. */
class Tally {
  private logLoss = 0;
  private readonly confusion: number[][];
  private count = 0;

  constructor(
    readonly candidate: number | 'prior',
    private readonly classes: number,
  ) {
    this.confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  }

  add(probabilities: ArrayLike<number>, label: number): void {
    this.logLoss -= Math.log(Math.max(probabilities[label]!, MIN_PROBABILITY));
    this.confusion[label]![argmax(probabilities)]!++;
    this.count++;
  }

  score(): HeldOutScore {
    let correct = 0;
    let f1 = 0;
    for (let k = 0; k < this.classes; k++) {
      const truePositives = this.confusion[k]![k]!;
      const predicted = this.confusion.reduce((sum, row) => sum + row[k]!, 0);
      const actual = this.confusion[k]!.reduce((sum, n) => sum + n, 0);
      correct += truePositives;
      f1 += predicted + actual === 0 ? 0 : (2 * truePositives) / (predicted + actual);
    }
    return { candidate: this.candidate, logLoss: this.logLoss / this.count, accuracy: correct / this.count, macroF1: f1 / this.classes };
  }
}

/**
 * Chooses the L2 penalty of the text model by k-fold cross-validation on the train split, the
 * validation and test splits staying untouched for reporting. The prior (majority class) model
 * competes too: a text model is chosen only if it predicts held-out labels better than the prior
 * (lower log-loss, a proper score, so the chosen penalty is the one whose probabilities are best)
 * AND it is right at least as often as answering the majority class. Where the text carries no
 * usable signal, the baseline therefore falls back to the majority class instead of fitting noise.
 */
export function selectRegularisation(
  examples: readonly Example[],
  classes: number,
  settings: { readonly grid: readonly number[]; readonly folds: number; readonly seed: number },
): Selection {
  const folds = Math.min(settings.folds, examples.length);
  // With a single class there is nothing for the text to tell apart.
  if (new Set(examples.map(({ label }) => label)).size < 2) return { chosen: 'prior', scores: [], folds: 0 };
  const path = [...settings.grid].sort((a, b) => b - a);
  const prior = new Tally('prior', classes);
  const tallies = path.map((l2) => new Tally(l2, classes));
  const fold = foldOf(examples, classes, folds, seededRandom(settings.seed));
  for (let f = 0; f < folds; f++) {
    const set = new TrainingSet(examples.filter((_, i) => fold[i] !== f), classes);
    const heldOut = examples.filter((_, i) => fold[i] === f);
    const shares = priorOf(set);
    for (const { label } of heldOut) prior.add(shares, label);
    let warm: SoftmaxRegression | undefined;
    path.forEach((l2, c) => {
      warm = SoftmaxRegression.fit(set, l2, warm);
      for (const { features, label } of heldOut) tallies[c]!.add(warm.probabilities(features), label);
    });
  }
  const priorScore = prior.score();
  const scores = tallies.map((tally) => tally.score());
  const best = scores.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
  const chosen = best.logLoss < priorScore.logLoss && best.accuracy >= priorScore.accuracy ? best.candidate : 'prior';
  return { chosen, scores: [priorScore, ...scores], folds };
}

/** Fits the chosen candidate on all the examples. */
export function fitChosen(examples: readonly Example[], classes: number, chosen: number | 'prior'): Predictor {
  const set = new TrainingSet(examples, classes);
  if (chosen === 'prior') {
    const majority = argmax(set.classCounts());
    return () => majority;
  }
  const model = SoftmaxRegression.fit(set, chosen);
  return (features) => argmax(model.probabilities(features));
}
