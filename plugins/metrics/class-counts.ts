import type { MetricContext, PredictionRecord } from 'mmsoc-bench';

/** Confusion column of answers that could not be read (null prediction): always wrong. */
export const INVALID = '(invalid)';
/** Confusion row of records whose gold is not a label string (malformed data): never right. */
export const MISSING = '(missing)';

/** A class label, or null for "not a label" (an unreadable answer, a malformed gold). */
export type ClassKey = string | null;

/** The one tally every classification metric reads: gold x predicted counts with their margins. */
export interface ClassCounts {
  readonly n: number;
  readonly correct: number;
  /** Distinct gold values and distinct predicted values seen, in order of first appearance. */
  readonly golds: readonly ClassKey[];
  readonly predictions: readonly ClassKey[];
  cell(gold: ClassKey, predicted: ClassKey): number;
  goldTotal(gold: ClassKey): number;
  predictedTotal(predicted: ClassKey): number;
}

/**
 * A growing square matrix of counts over keys. Slot 0 is null; labels get slots by first appearance and
 * are found by a linear scan, which beats hashing for a task's handful of labels (the bootstrap tallies
 * ten million records for 1000 resamples of 10k).
 */
class Tally {
  readonly labels: string[] = [];
  readonly rows: number[][] = [[0]];

  slot(value: unknown): number {
    if (typeof value !== 'string') return 0;
    const { labels } = this;
    for (let i = 0; i < labels.length; i++) if (labels[i] === value) return i + 1;
    labels.push(value);
    for (const row of this.rows) row.push(0);
    this.rows.push(new Array<number>(labels.length + 1).fill(0));
    return labels.length;
  }

  /** The slot of a key already counted, or -1. */
  find(key: ClassKey): number {
    return key === null ? 0 : this.labels.indexOf(key) + 1 || -1;
  }
}

export function countClasses(records: readonly PredictionRecord[]): ClassCounts {
  const tally = new Tally();
  let correct = 0;
  for (const record of records) {
    const gold = tally.slot(record.gold);
    const predicted = tally.slot(record.prediction);
    if (predicted !== 0 && predicted === gold) correct++;
    tally.rows[gold]![predicted]!++;
  }
  const { rows } = tally;
  const keys: ClassKey[] = [null, ...tally.labels];
  const goldTotals = rows.map((row) => row.reduce((sum, count) => sum + count, 0));
  const predictedTotals = keys.map((_, p) => rows.reduce((sum, row) => sum + row[p]!, 0));
  const total = (totals: readonly number[], key: ClassKey) => totals[tally.find(key)] ?? 0;
  return {
    n: records.length,
    correct,
    golds: keys.filter((_, i) => goldTotals[i]! > 0),
    predictions: keys.filter((_, i) => predictedTotals[i]! > 0),
    cell: (gold, predicted) => rows[tally.find(gold)]?.[tally.find(predicted)] ?? 0,
    goldTotal: (gold) => total(goldTotals, gold),
    predictedTotal: (predicted) => total(predictedTotals, predicted),
  };
}

/**
 * The labels a per-class average runs over: the task's labels, in its order; without them (or with an
 * empty list) the gold labels seen, sorted. Unlike scikit-learn's default this leaves out labels that only
 * appear as predictions, as the task declares its label space and off-list answers are simply wrong.
 */
export function scoredLabels(counts: ClassCounts, context: MetricContext): readonly string[] {
  if (context.labels && context.labels.length > 0) return context.labels;
  return counts.golds.filter((key): key is string => key !== null).sort();
}

export interface ClassScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/**
 * One class's scores as scikit-learn's precision_recall_fscore_support with zero_division=0: a ratio with
 * a zero denominator is 0, so a label absent from both gold and predictions scores F1 = 0 and still
 * counts in a macro mean. Unreadable answers are false negatives of their gold class and false
 * positives of none.
 */
export function classScore(counts: ClassCounts, label: string): ClassScore {
  const truePositives = counts.cell(label, label);
  const predicted = counts.predictedTotal(label);
  const support = counts.goldTotal(label);
  return {
    precision: predicted > 0 ? truePositives / predicted : 0,
    recall: support > 0 ? truePositives / support : 0,
    f1: predicted + support > 0 ? (2 * truePositives) / (predicted + support) : 0,
    support,
  };
}
