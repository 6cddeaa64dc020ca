import { describe, expect, it } from '@jest/globals';
import { accuracy, confusion, macroF1, perClass, weightedF1 } from '../../plugins/metrics/classification.js';
import { validRate } from '../../plugins/metrics/valid-rate.js';
import { record, records } from './records.js';

const H = 'hateful';
const N = 'not hateful';
// gold, prediction (null = unreadable answer)
const binary = records([
  [H, H],
  [H, N],
  [H, null],
  [N, N],
  [N, H],
  [N, N],
]);
// hateful:     tp 1, predicted 2, support 3 -> P 1/2, R 1/3, F1 2*1/(2+3) = 0.4
// not hateful: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
const binaryContext = { labels: [H, N] };

const P = 'positive';
const U = 'neutral';
const G = 'negative';
const multi = records([
  [P, P],
  [P, P],
  [P, G],
  [U, P],
  [U, null],
  [G, G],
  [G, U],
]);
// positive: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
// neutral:  tp 0, predicted 1, support 2 -> 0, 0, 0
// negative: tp 1, predicted 2, support 2 -> 1/2, 1/2, 1/2
// mixed (listed, never seen): 0, 0, 0
const multiContext = { labels: [P, U, G, 'mixed'] };

describe('accuracy', () => {
  it.each([
    ['binary, the unreadable answer counted wrong', binary, 3 / 6],
    ['multi-class', multi, 3 / 7],
    ['all unreadable', records([[H, null], [N, null]]), 0],
    ['a prediction that is not a string never matches', records([[H, { label: H }], [N, N]]), 1 / 2],
  ])('%s', (_name, input, expected) => {
    expect(accuracy.compute(input, {}).accuracy).toBeCloseTo(expected, 12);
  });

  it('is NaN over no records', () => {
    expect(accuracy.compute([], {}).accuracy).toBeNaN();
  });
});

describe('macro-f1 (scikit-learn average=macro, zero_division=0)', () => {
  it.each([
    ['binary', binary, binaryContext, (0.4 + 2 / 3) / 2],
    // the listed but absent label 'mixed' counts with F1 = 0: (2/3 + 0 + 1/2 + 0) / 4
    ['multi-class with a label absent from gold and predictions', multi, multiContext, 7 / 24],
    ['without task labels: the gold labels seen', multi, {}, 7 / 18],
    ['an empty label list reads as no labels', multi, { labels: [] }, 7 / 18],
    // gold only hateful; predictions hateful, not hateful, hateful -> hateful F1 = 2*2/(2+3) = 0.8,
    // not hateful F1 0 when listed; a prediction outside gold is not a class of its own without labels
    ['off-gold prediction, labels given', records([[H, H], [H, N], [H, H]]), binaryContext, 0.4],
    ['off-gold prediction, no labels', records([[H, H], [H, N], [H, H]]), {}, 0.8],
  ])('%s', (_name, input, context, expected) => {
    expect(macroF1.compute(input, context)['macro-f1']).toBeCloseTo(expected, 12);
  });

  it('is NaN over no records', () => {
    expect(macroF1.compute([], binaryContext)['macro-f1']).toBeNaN();
  });
});

describe('weighted-f1 (scikit-learn average=weighted)', () => {
  it.each([
    // supports 3 and 3: (3*0.4 + 3*2/3) / 6
    ['binary', binary, binaryContext, (3 * 0.4 + 3 * (2 / 3)) / 6],
    // supports 3, 2, 2, 0: (3*2/3 + 2*0 + 2*1/2 + 0) / 7
    ['multi-class', multi, multiContext, 3 / 7],
    // no listed label occurs in gold: the zero_division value
    ['no support for any listed label', records([['other', H]]), binaryContext, 0],
  ])('%s', (_name, input, context, expected) => {
    expect(weightedF1.compute(input, context)['weighted-f1']).toBeCloseTo(expected, 12);
  });
});

describe('per-class', () => {
  it('gives precision, recall, F1 and support of every listed label', () => {
    const result = perClass.compute(multi, multiContext);
    const expected: Record<string, number> = {
      'precision:positive': 2 / 3, 'recall:positive': 2 / 3, 'f1:positive': 2 / 3, 'support:positive': 3,
      'precision:neutral': 0, 'recall:neutral': 0, 'f1:neutral': 0, 'support:neutral': 2,
      'precision:negative': 1 / 2, 'recall:negative': 1 / 2, 'f1:negative': 1 / 2, 'support:negative': 2,
      'precision:mixed': 0, 'recall:mixed': 0, 'f1:mixed': 0, 'support:mixed': 0,
    };
    expect(Object.keys(result).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, value] of Object.entries(expected)) expect(result[name]).toBeCloseTo(value, 12);
  });

  it('reports rates as NaN and support 0 over no records', () => {
    expect(perClass.compute([], { labels: [H] })).toEqual({
      'precision:hateful': Number.NaN, 'recall:hateful': Number.NaN, 'f1:hateful': Number.NaN, 'support:hateful': 0,
    });
  });
});

describe('per-class table', () => {
  it('lays out every listed label with its scores by name and its support', () => {
    expect(perClass.table!(multi, multiContext)).toEqual({
      kind: 'table',
      columns: ['Label', 'Precision', 'Recall', 'F1', 'Support'],
      rows: ([['positive', 3], ['neutral', 2], ['negative', 2], ['mixed', 0]] as const).map(([label, support]) => [
        label,
        { number: `precision:${label}` },
        { number: `recall:${label}` },
        { number: `f1:${label}` },
        support,
      ]),
    });
  });
});

describe('confusion', () => {
  it('counts every gold x predicted cell, unreadable answers in the (invalid) column, and has no numbers to resample', () => {
    expect(confusion.table!(binary, binaryContext)).toEqual({
      kind: 'confusion',
      rows: [H, N],
      columns: [H, N, '(invalid)'],
      counts: [
        [1, 1, 1],
        [1, 2, 0],
      ],
    });
    expect(confusion.compute(binary, binaryContext)).toEqual({});
  });

  it('adds rows and columns for values outside the labels, and a (missing) row for a gold that is not a label', () => {
    const result = confusion.table!(records([[H, 'maybe'], [42, H], ['other', N]]), binaryContext);
    expect(result).toEqual({
      kind: 'confusion',
      rows: [H, N, 'other', '(missing)'],
      columns: [H, N, 'maybe', '(invalid)'],
      counts: [
        [0, 0, 1, 0],
        [0, 0, 0, 0],
        [0, 1, 0, 0],
        [1, 0, 0, 0],
      ],
    });
  });
});

describe('valid-rate', () => {
  it.each([
    ['every answer followed the format', [record(H, H), record(N, N)], 1],
    // a label read from a long answer is a prediction but not a valid answer
    ['valid is read from the record, not from the prediction', [record(H, H, { valid: false }), record(N, null)], 0],
    ['mixed', [record(H, H), record(N, null), record(N, N), record(H, N, { valid: false })], 2 / 4],
  ])('%s', (_name, input, expected) => {
    expect(validRate.compute(input, {})['valid-rate']).toBe(expected);
  });

  it('is NaN over no records', () => {
    expect(validRate.compute([], {})['valid-rate']).toBeNaN();
  });
});
