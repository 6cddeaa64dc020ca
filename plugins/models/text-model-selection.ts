import { seededRandom, type Random } from 'mmsoc-bench';
import { FEATURE_SETS, textFeatures, type FeatureSetName } from './text-features.js';
import { SoftmaxRegression, TrainingSet, type Example } from './text-softmax-regression.js';

/** A labelled text of the train split; `label` is a class index. */
export interface LabelledText {
  readonly text: string;
  readonly label: number;
}

/**
 * A text model: which features, with which inverse regularisation strength C, in scikit-learn's
 * convention (objective C · Σ log-loss + |w|² / 2): the penalty is then relative to the number of
 * examples, so one grid suits a 60-row sample and an 8,500-row train split alike.
 */
export interface TextModel {
  readonly features: FeatureSetName;
  readonly C: number;
}

/** The L2 penalty per example (SoftmaxRegression's objective is a mean) that C amounts to on `set`. */
const l2Of = (C: number, set: TrainingSet) => 1 / (C * set.size);

/** What selection may choose: a text model, or `prior`, the model that ignores the text and answers the majority class. */
export type Candidate = TextModel | 'prior';

/** A fitted classifier: the index of the class it predicts for a text. */
export type Predictor = (text: string) => number;

/** How a candidate did on the held-out folds, pooled over all of them. */
export interface HeldOutScore {
  readonly candidate: Candidate;
  readonly logLoss: number;
  readonly accuracy: number;
  readonly macroF1: number;
}

export interface Selection {
  readonly chosen: Candidate;
  /** The prior's score first, then every text model's; empty when there was nothing to hold out. */
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

/** Stratified folds: each class's examples, shuffled, are dealt out in turn, so every fold has its share. */
function foldOf(texts: readonly LabelledText[], classes: number, folds: number, random: Random): number[] {
  const fold = new Array<number>(texts.length);
  let next = 0;
  for (let k = 0; k < classes; k++) {
    const members = texts.flatMap(({ label }, i) => (label === k ? [i] : []));
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
    readonly candidate: Candidate,
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

const examplesOf = (texts: readonly LabelledText[], features: FeatureSetName): Example[] =>
  texts.map(({ text, label }) => ({ features: textFeatures(text, FEATURE_SETS[features]), label }));

/**
 * Chooses the text model (feature set and L2 penalty) by k-fold cross-validation on the train split,
 * the validation and test splits staying untouched for reporting. The prior (majority class) model
 * competes too. A text model is eligible only if, on the held-out folds, it beats the prior on both
 * log-loss (its probabilities carry information) and macro-F1 (the benchmark's headline), and is right
 * at least as often as answering the majority class. The eligible one with the best macro-F1 wins, a
 * tie going to the earlier candidate (the richer feature set, then the smaller C). Where the
 * text carries no usable signal, no text model is eligible and the baseline answers the majority
 * class instead of fitting noise.
 */
export function selectModel(
  texts: readonly LabelledText[],
  classes: number,
  settings: { readonly grid: readonly number[]; readonly folds: number; readonly seed: number },
): Selection {
  const folds = Math.min(settings.folds, texts.length);
  // With a single class there is nothing for the text to tell apart.
  if (new Set(texts.map(({ label }) => label)).size < 2) return { chosen: 'prior', scores: [], folds: 0 };
  // From the strongest penalty (smallest C) down, so each fit can start from the one before.
  const path = [...settings.grid].sort((a, b) => a - b);
  const featureSets = Object.keys(FEATURE_SETS) as FeatureSetName[];
  const prior = new Tally('prior', classes);
  const tallies = featureSets.map((features) => path.map((C) => new Tally({ features, C }, classes)));
  const fold = foldOf(texts, classes, folds, seededRandom(settings.seed));
  featureSets.forEach((features, s) => {
    const examples = examplesOf(texts, features);
    for (let f = 0; f < folds; f++) {
      const set = new TrainingSet(examples.filter((_, i) => fold[i] !== f), classes);
      const heldOut = examples.filter((_, i) => fold[i] === f);
      if (s === 0) {
        // The model that ignores the text: the class shares of its training part.
        const shares = set.classShares();
        for (const { label } of heldOut) prior.add(shares, label);
      }
      let warm: SoftmaxRegression | undefined;
      path.forEach((C, c) => {
        warm = SoftmaxRegression.fit(set, l2Of(C, set), warm);
        for (const { features: vector, label } of heldOut) tallies[s]![c]!.add(warm.probabilities(vector), label);
      });
    }
  });
  const priorScore = prior.score();
  const scores = tallies.flat().map((tally) => tally.score());
  const eligible = scores.filter(
    (score) => score.logLoss < priorScore.logLoss && score.macroF1 > priorScore.macroF1 && score.accuracy >= priorScore.accuracy,
  );
  const best = eligible.reduce<HeldOutScore | undefined>((a, b) => (a === undefined || b.macroF1 > a.macroF1 ? b : a), undefined);
  return { chosen: best?.candidate ?? 'prior', scores: [priorScore, ...scores], folds };
}

/** Fits the chosen candidate on all the texts. */
export function fitChosen(texts: readonly LabelledText[], classes: number, chosen: Candidate): Predictor {
  if (chosen === 'prior') {
    const counts = new Array<number>(classes).fill(0);
    for (const { label } of texts) counts[label]!++;
    const majority = argmax(counts);
    return () => majority;
  }
  const set = new TrainingSet(examplesOf(texts, chosen.features), classes);
  const model = SoftmaxRegression.fit(set, l2Of(chosen.C, set));
  return (text) => argmax(model.probabilities(textFeatures(text, FEATURE_SETS[chosen.features])));
}

/** `words+chars C=3`, or `majority` for the prior. */
export function describeCandidate(candidate: Candidate): string {
  return candidate === 'prior' ? 'majority' : `${candidate.features} C=${candidate.C}`;
}
