import type { MetricPlugin, PredictionRecord } from 'mmsoc-bench';
import { perRecord } from './memo.js';
import { ratio } from './numbers.js';

/*
 * Tagging: gold and prediction are tag lists, read as sets compared case-insensitively (surrounding
 * spaces and empty tags ignored); a null prediction is the empty set.
 */

function tagSet(value: unknown): Set<string> {
  if (!Array.isArray(value)) return new Set();
  const tags = value.filter((tag): tag is string => typeof tag === 'string').map((tag) => tag.trim().toLowerCase());
  return new Set(tags.filter(Boolean));
}

interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Precision, recall and F1 of `hits` correct tags out of `predicted`, against `gold` expected ones. A zero
 * denominator gives 0 (scikit-learn's zero_division=0), except that predicting nothing when nothing is
 * expected is perfect: 1 across the board.
 */
function score(hits: number, predicted: number, gold: number): Scores {
  if (predicted === 0 && gold === 0) return { precision: 1, recall: 1, f1: 1 };
  return {
    precision: predicted > 0 ? hits / predicted : 0,
    recall: gold > 0 ? hits / gold : 0,
    f1: (2 * hits) / (predicted + gold),
  };
}

// Integers only: small integers sit inside the object, where fractions would each be a separate heap number.
const counts = perRecord((record: PredictionRecord) => {
  const gold = tagSet(record.gold);
  const predicted = tagSet(record.prediction);
  let hits = 0;
  for (const tag of predicted) if (gold.has(tag)) hits++;
  return { hits, predicted: predicted.size, gold: gold.size };
});

export const tagF1: MetricPlugin = {
  id: 'tag-f1',
  title: 'Tag-F1',
  description: 'F1 of predicted against gold tag sets: micro over all tags (headline) and averaged per sample.',
  compute(records) {
    let hits = 0;
    let predicted = 0;
    let gold = 0;
    let precision = 0;
    let recall = 0;
    let f1 = 0;
    for (const record of records) {
      const c = counts(record);
      hits += c.hits;
      predicted += c.predicted;
      gold += c.gold;
      const sample = score(c.hits, c.predicted, c.gold);
      precision += sample.precision;
      recall += sample.recall;
      f1 += sample.f1;
    }
    const n = records.length;
    const micro = n > 0 ? score(hits, predicted, gold) : { precision: Number.NaN, recall: Number.NaN, f1: Number.NaN };
    return {
      'tag-f1': micro.f1,
      'tag-precision': micro.precision,
      'tag-recall': micro.recall,
      'tag-f1-sample': ratio(f1, n),
      'tag-precision-sample': ratio(precision, n),
      'tag-recall-sample': ratio(recall, n),
    };
  },
};
