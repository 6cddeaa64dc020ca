import type { ConfusionMatrix, MetricContext, MetricPlugin, PredictionRecord } from 'mmsoc-bench';
import { classScore, countClasses, INVALID, MISSING, scoredLabels, type ClassCounts, type ClassKey } from './class-counts.js';
import { mean, ratio } from './numbers.js';

/*
 * Classification metrics over `prediction` (the parsed label, null when the answer could not be read)
 * against `gold`. Labels are compared as exact strings; an unreadable answer is wrong, never dropped.
 * Averages follow scikit-learn's f1_score(labels=context.labels, zero_division=0) (see classScore).
 * Over no records every rate is NaN.
 */

function scores(records: readonly PredictionRecord[], context: MetricContext) {
  const counts = countClasses(records);
  const labels = scoredLabels(counts, context);
  return { counts, labels, perLabel: labels.map((label) => classScore(counts, label)) };
}

export const accuracy: MetricPlugin = {
  id: 'accuracy',
  title: 'Accuracy',
  description: 'Share of answers whose parsed label equals the gold label.',
  compute(records) {
    const counts = countClasses(records);
    return { accuracy: ratio(counts.correct, counts.n) };
  },
};

export const macroF1: MetricPlugin = {
  id: 'macro-f1',
  title: 'Macro-F1',
  description: "Unweighted mean of per-class F1 over the task's labels (scikit-learn average='macro', zero_division=0).",
  compute(records, context) {
    const { counts, perLabel } = scores(records, context);
    return { 'macro-f1': counts.n > 0 ? mean(perLabel.map((s) => s.f1)) : Number.NaN };
  },
};

export const weightedF1: MetricPlugin = {
  id: 'weighted-f1',
  title: 'Weighted-F1',
  description: "Per-class F1 averaged with gold support as weights (scikit-learn average='weighted', zero_division=0).",
  compute(records, context) {
    const { counts, perLabel } = scores(records, context);
    if (counts.n === 0) return { 'weighted-f1': Number.NaN };
    let weighted = 0;
    let support = 0;
    for (const s of perLabel) {
      weighted += s.f1 * s.support;
      support += s.support;
    }
    // scikit-learn returns the zero_division value when no listed label occurs in gold.
    return { 'weighted-f1': support > 0 ? weighted / support : 0 };
  },
};

export const perClass: MetricPlugin = {
  id: 'per-class',
  title: 'Per class',
  description: 'Precision, recall, F1 and gold support of every label.',
  compute(records, context) {
    const { counts, labels, perLabel } = scores(records, context);
    // Over no records the rates are undefined, while a support of 0 is a true count.
    const rate = (value: number) => (counts.n > 0 ? value : Number.NaN);
    const result: Record<string, number> = {};
    labels.forEach((label, i) => {
      const s = perLabel[i]!;
      result[`precision:${label}`] = rate(s.precision);
      result[`recall:${label}`] = rate(s.recall);
      result[`f1:${label}`] = rate(s.f1);
      result[`support:${label}`] = s.support;
    });
    return result;
  },
  table(records, context) {
    const { labels, perLabel } = scores(records, context);
    return {
      kind: 'table',
      columns: ['Label', 'Precision', 'Recall', 'F1', 'Support'],
      rows: labels.map((label, i) => [label, { number: `precision:${label}` }, { number: `recall:${label}` }, { number: `f1:${label}` }, perLabel[i]!.support]),
    };
  },
};

/** Labels first in task order, then whatever else occurred, sorted, so reports lay the grid out stably. */
function axis(labels: readonly string[], seen: Iterable<ClassKey>): string[] {
  const listed = new Set(labels);
  const extra = [...seen].filter((key): key is string => key !== null && !listed.has(key)).sort();
  return [...labels, ...extra];
}

/** Rows gold, columns answers; unreadable answers (and malformed golds) get a row or column of their own. */
function confusionMatrix(counts: ClassCounts, labels: readonly string[]): ConfusionMatrix {
  const golds: ClassKey[] = axis(labels, counts.golds);
  if (counts.golds.includes(null)) golds.push(null);
  const answers: ClassKey[] = [...axis(labels, counts.predictions), null];
  return {
    kind: 'confusion',
    rows: golds.map((gold) => gold ?? MISSING),
    columns: answers.map((answer) => answer ?? INVALID),
    counts: golds.map((gold) => answers.map((answer) => counts.cell(gold, answer))),
  };
}

export const confusion: MetricPlugin = {
  id: 'confusion',
  title: 'Confusion',
  description: "Gold x predicted answer counts, with unreadable answers in an '(invalid)' column.",
  // The matrix is the result: its counts are shown as they are, not resampled.
  compute: () => ({}),
  table(records, context) {
    const counts = countClasses(records);
    return confusionMatrix(counts, scoredLabels(counts, context));
  },
};
