import { describe, expect, it } from '@jest/globals';
import { bleu } from '../../plugins/metrics/bleu.js';
import { lcsLength, rougeL } from '../../plugins/metrics/rouge-l.js';
import { records } from './records.js';

describe('lcsLength', () => {
  it.each([
    ['the cat was found under the bed', 'the cat was under the bed', 6],
    ['police killed the gunman', 'the gunman was shot by police', 2],
    ['a b c', '', 0],
    ['a b a b', 'b a b a', 3],
  ])('%s / %s = %d', (a, b, expected) => {
    expect(lcsLength(a.split(' ').filter(Boolean), b.split(' ').filter(Boolean))).toBe(expected);
  });
});

describe('rouge-l', () => {
  // LCS 6: P 6/7, R 6/6 -> F 2PR/(P+R) = 12/13
  const found = ['the cat was under the bed', 'the cat was found under the bed'] as const;
  // LCS 2 ("the gunman"): P 2/4, R 2/6 -> F 0.4
  const police = ['the gunman was shot by police', 'police killed the gunman'] as const;

  it.each([
    ['one sample', [found], 12 / 13],
    ['mean over samples', [found, police], (12 / 13 + 0.4) / 2],
    ['case and punctuation are not words', [['the cat was under the bed', 'The CAT, was under the bed!']], 1],
    ['best over several references', [[['completely different words', 'the cat was under the bed'], found[1]]], 12 / 13],
    ['unreadable answer scores 0', [['the cat', null]], 0],
    ['an empty reference scores 0', [['', 'the cat']], 0],
    ['records without references are left out', [found, [null, 'anything'], [undefined, 'else'], [[], 'more']], 12 / 13],
  ])('%s', (_name, pairs, expected) => {
    expect(rougeL.compute(records(pairs as [unknown, unknown][]), {})['rouge-l']).toBeCloseTo(expected, 12);
  });

  it('is NaN when no record has a reference', () => {
    expect(rougeL.compute(records([[null, 'text']]), {})['rouge-l']).toBeNaN();
    expect(rougeL.compute([], {})['rouge-l']).toBeNaN();
  });
});

describe('bleu', () => {
  it('matches a hand-computed corpus BLEU-4', () => {
    const corpus = records([
      // identical, 6 tokens: 1-4-gram matches 6/6, 5/5, 4/4, 3/3
      ['the cat sat on the mat', 'the cat sat on the mat'],
      // hyp "a dog is in the garden" (6) vs ref of 7 tokens:
      // 1-grams 6/6; 2-grams {a dog, in the, the garden} 3/5; 3-grams {in the garden} 1/4; 4-grams 0/3
      ['there is a dog in the garden', 'a dog is in the garden'],
    ]);
    // p = 12/12, 8/10, 5/8, 3/6; c = 12, r = 13 -> BP = exp(1 - 13/12)
    const expected = Math.exp(1 - 13 / 12) * (1 * (8 / 10) * (5 / 8) * (3 / 6)) ** (1 / 4);
    expect(bleu.compute(corpus, {}).bleu).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.65057, 5);
  });

  it('clips n-gram counts by the reference count', () => {
    const corpus = records([
      ['one two three four five', 'one two three four five'], // 5/5, 4/4, 3/3, 2/2
      // "the" three times, once in the reference: 1-grams 1/3; 2-grams 0/2; 3-grams 0/1; no 4-grams
      ['the cat', 'the the the'],
    ]);
    // p = 6/8, 4/6, 3/4, 2/2; c = 8 > r = 7 -> no brevity penalty
    expect(bleu.compute(corpus, {}).bleu).toBeCloseTo(((6 / 8) * (4 / 6) * (3 / 4) * 1) ** (1 / 4), 12);
  });

  it.each([
    // closest reference lengths 6 (hyp 6): BP 1 (picking 7 would give exp(1 - 7/6))
    ['closest reference length', ['the cat sat on the mat today', 'a cat sat on a mat'], 1],
    // references of 7 and 5 tokens are equally close to 6: the shorter one, so BP 1
    ['a tie goes to the shorter reference', ['the cat sat on the mat now', 'the cat sat on mat'], 1],
  ])('%s', (_name, references, expected) => {
    expect(bleu.compute(records([[references, 'the cat sat on the mat']]), {}).bleu).toBeCloseTo(expected, 12);
  });

  it.each([
    ['no 4-gram match anywhere (no smoothing)', [['there is a dog in the garden', 'a dog is in the garden']], 0],
    ['hypotheses shorter than 4 tokens', [['the cat sat', 'the cat sat']], 0],
    ['unreadable answer', [['the cat sat on the mat', null]], 0],
  ])('%s gives 0', (_name, pairs, expected) => {
    expect(bleu.compute(records(pairs as [unknown, unknown][]), {}).bleu).toBe(expected);
  });

  it('leaves out records without references, NaN when none remain', () => {
    const perfect = records([['the cat sat on the mat', 'the cat sat on the mat'], [null, 'x y z w']]);
    expect(bleu.compute(perfect, {}).bleu).toBeCloseTo(1, 12);
    expect(bleu.compute(records([[undefined, 'the cat sat on the mat']]), {}).bleu).toBeNaN();
  });
});
