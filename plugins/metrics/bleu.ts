import type { MetricPlugin, PredictionRecord } from 'mmsoc-bench';
import { perRecord } from './memo.js';
import { tokenisedPair } from './references.js';

const MAX_ORDER = 4;

function ngramCounts(tokens: readonly string[], order: number): Map<string, number> {
  const counts = new Map<string, number>();
  // Tokens are runs of letters and digits, so a space cannot make two different n-grams collide.
  for (let i = 0; i + order <= tokens.length; i++) {
    const gram = tokens.slice(i, i + order).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** The reference length closest to the hypothesis length; the shorter one on a tie (as sacrebleu and NLTK). */
function closestLength(hypothesis: number, references: readonly (readonly string[])[]): number {
  let best = references[0]!.length;
  for (const { length } of references) {
    const closer = Math.abs(length - hypothesis) - Math.abs(best - hypothesis);
    if (closer < 0 || (closer === 0 && length < best)) best = length;
  }
  return best;
}

/**
 * A sentence's counts, flat so that a corpus is one vector sum: clipped n-gram matches of orders 1..4,
 * then the hypothesis's n-gram totals of orders 1..4, then hypothesis length and closest reference length.
 */
const TOTALS = MAX_ORDER;
const HYPOTHESIS = 2 * MAX_ORDER;
const REFERENCE = HYPOTHESIS + 1;

const sentenceCounts = perRecord((record: PredictionRecord): Float64Array | null => {
  const pair = tokenisedPair(record);
  if (!pair) return null;
  const counts = new Float64Array(REFERENCE + 1);
  for (let order = 1; order <= MAX_ORDER; order++) {
    const maxInReference = new Map<string, number>();
    for (const reference of pair.references) {
      for (const [gram, count] of ngramCounts(reference, order)) {
        maxInReference.set(gram, Math.max(count, maxInReference.get(gram) ?? 0));
      }
    }
    for (const [gram, count] of ngramCounts(pair.hypothesis, order)) counts[order - 1]! += Math.min(count, maxInReference.get(gram) ?? 0);
    counts[TOTALS + order - 1] = Math.max(0, pair.hypothesis.length - order + 1);
  }
  counts[HYPOTHESIS] = pair.hypothesis.length;
  counts[REFERENCE] = closestLength(pair.hypothesis.length, pair.references);
  return counts;
});

/**
 * Corpus BLEU-4 on a 0..1 scale over lower-cased word tokens (the same tokens as ROUGE-L, not sacrebleu's
 * 13a tokenizer): geometric mean of the clipped n-gram precisions of orders 1-4 with uniform weights, times
 * the brevity penalty exp(1 - r/c) when the corpus hypothesis length c is at most the reference length r.
 * No smoothing: a corpus without a single match of some order (in particular no 4-gram match) scores 0.
 * Records without references are left out; with none left the score is NaN.
 */
export const bleu: MetricPlugin = {
  id: 'bleu',
  title: 'BLEU',
  description: 'Corpus BLEU-4 (uniform weights, brevity penalty, no smoothing) over lower-cased word tokens.',
  compute(records) {
    const corpus = new Float64Array(REFERENCE + 1);
    let scored = 0;
    for (const record of records) {
      const counts = sentenceCounts(record);
      if (!counts) continue;
      scored++;
      for (let i = 0; i < corpus.length; i++) corpus[i]! += counts[i]!;
    }
    if (scored === 0) return { bleu: Number.NaN };
    let logPrecision = 0;
    for (let i = 0; i < MAX_ORDER; i++) {
      if (corpus[i] === 0) return { bleu: 0 };
      logPrecision += Math.log(corpus[i]! / corpus[TOTALS + i]!) / MAX_ORDER;
    }
    const hypothesis = corpus[HYPOTHESIS]!;
    const reference = corpus[REFERENCE]!;
    const brevity = hypothesis > reference ? 1 : Math.exp(1 - reference / hypothesis);
    return { bleu: brevity * Math.exp(logPrecision) };
  },
};
