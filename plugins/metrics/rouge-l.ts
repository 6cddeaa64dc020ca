import type { MetricPlugin, PredictionRecord } from 'mmsoc-bench';
import { perRecord } from './memo.js';
import { mean } from './numbers.js';
import { tokenisedPair } from './references.js';

/** Length of the longest common subsequence, with one rolling row: O(|a|·|b|) time, O(|b|) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Sentence-level ROUGE-L F1 (beta = 1); 0 when either side has no tokens, as Google's rouge-score does. */
function sentenceRougeL(hypothesis: readonly string[], reference: readonly string[]): number {
  const common = lcsLength(hypothesis, reference);
  if (common === 0) return 0;
  const precision = common / hypothesis.length;
  const recall = common / reference.length;
  return (2 * precision * recall) / (precision + recall);
}

const sampleScore = perRecord((record: PredictionRecord) => {
  const pair = tokenisedPair(record);
  return pair ? Math.max(...pair.references.map((reference) => sentenceRougeL(pair.hypothesis, reference))) : null;
});

export const rougeL: MetricPlugin = {
  id: 'rouge-l',
  title: 'ROUGE-L',
  description: 'Mean sentence-level ROUGE-L F1 over lower-cased word tokens, best over the references of each sample.',
  compute(records) {
    const scores: number[] = [];
    for (const record of records) {
      const score = sampleScore(record);
      if (score !== null) scores.push(score);
    }
    return { 'rouge-l': mean(scores) };
  },
};
