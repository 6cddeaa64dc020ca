import { describe, expect, it } from '@jest/globals';
import { tagF1 } from '../../plugins/metrics/tagging.js';
import { records } from './records.js';

describe('tag-f1', () => {
  // gold tags, predicted tags                                    hits  |P|  |G|   P     R     F1
  const input = records([
    [['Music', 'Pop_music'], ['music', 'Rock_music', 'Jazz']], //  1     3    2   1/3   1/2   2/5
    [['Sport', 'Tennis', 'Golf'], ['sport', 'TENNIS']], //          2     2    3    1    2/3   4/5
    [['Food'], null], //                                            0     0    1    0     0     0
    [[], []], //                                                    0     0    0    1     1     1  (nothing to find, nothing said)
  ]);
  // micro: hits 3, predicted 5, gold 6
  const expected = {
    'tag-precision': 3 / 5,
    'tag-recall': 3 / 6,
    'tag-f1': (2 * 3) / (5 + 6),
    'tag-precision-sample': (1 / 3 + 1 + 0 + 1) / 4,
    'tag-recall-sample': (1 / 2 + 2 / 3 + 0 + 1) / 4,
    'tag-f1-sample': (2 / 5 + 4 / 5 + 0 + 1) / 4,
  };

  it('gives micro (over all tags) and per-sample averages', () => {
    const result = tagF1.compute(input, {});
    expect(Object.keys(result).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, value] of Object.entries(expected)) expect(result[name]).toBeCloseTo(value, 12);
  });

  it.each([
    // duplicates after case folding count once: {sport} vs {sport, golf} -> P 1, R 1/2, F1 2/3
    ['duplicate tags in another case', [['Sport', 'Golf'], ['sport', 'Sport', ' SPORT ']], 2 / 3],
    ['predicting tags when none are expected', [[], ['music']], 0],
    ['a prediction that is not a list is the empty set', [['music'], 'music'], 0],
    ['both empty', [[], null], 1],
  ])('%s', (_name, pair, f1) => {
    const result = tagF1.compute(records([pair as [unknown, unknown]]), {});
    expect(result['tag-f1']).toBeCloseTo(f1, 12);
    expect(result['tag-f1-sample']).toBeCloseTo(f1, 12);
  });

  it('is NaN over no records', () => {
    for (const value of Object.values(tagF1.compute([], {}))) expect(value).toBeNaN();
  });
});
