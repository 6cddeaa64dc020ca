import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { editDistance } from '../../plugins/metrics/edit-distance.js';
import { cer, exactMatch, wer } from '../../plugins/metrics/ocr.js';
import { records } from './records.js';

/** Textbook Levenshtein DP: the reference the recoded fastest-levenshtein call is checked against. */
function naiveDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

describe('editDistance', () => {
  it.each([
    [[], [], 0],
    [['a', 'b'], [], 2],
    [[], ['a'], 1],
    [['kitten'], ['sitting'], 1], // one word substituted
    [[...'kitten'], [...'sitting'], 3],
    // symbols found on one side only share a code per side yet never match each other
    [['x', 'y'], ['z', 'w'], 2],
    [['x', 'y', 'x'], ['y'], 2],
  ])('%j vs %j = %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  it('agrees with the textbook DP on arbitrary sequences, also past 32 symbols (the multi-block path)', () => {
    const sequence = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'the', '😀', ''), { maxLength: 70 });
    fc.assert(fc.property(sequence, sequence, (a, b) => editDistance(a, b) === naiveDistance(a, b)), { numRuns: 300 });
  });

  it('refuses more distinct shared symbols than 16-bit codes can hold', () => {
    const words = Array.from({ length: 0x10000 - 1 }, (_, i) => `w${i}`);
    expect(() => editDistance(words, words)).toThrow(RangeError);
  });
});

describe('cer', () => {
  it.each([
    ['identical', [['hello world', 'hello world']], 0],
    ['one substitution in three', [['abc', 'abd']], 1 / 3],
    ['unreadable answer = empty prediction: every character deleted', [['abc', null]], 1],
    ['case and spacing are normalised away', [['Hello   World', ' hello world ']], 0],
    ['punctuation is not', [['hello, world', 'hello world']], 1 / 12],
    ['an emoji is one character, not two UTF-16 units', [['a😀b', 'ab']], 1 / 3],
    ['insertions can take it above 1', [['a', 'abc']], 2],
    // corpus level: (2 + 0) / (0 + 4); the empty reference adds its prediction's length
    ['empty reference inside a corpus', [['', 'xy'], ['abcd', 'abcd']], 2 / 4],
    // (1 + 3) / (4 + 3), not the mean of 1/4 and 3/3
    ['edits and lengths are summed before dividing', [['abcd', 'abce'], ['xyz', '']], 4 / 7],
    ['every reference and prediction empty', [['', ''], ['', null]], 0],
    ['every reference empty, some prediction not', [['', ''], ['', 'x']], 1],
  ])('%s', (_name, pairs, expected) => {
    expect(cer.compute(records(pairs as [string, string | null][]), {}).cer).toBeCloseTo(expected, 12);
  });

  it('is NaN over no records', () => {
    expect(cer.compute([], {}).cer).toBeNaN();
  });
});

describe('wer', () => {
  it.each([
    ['identical', [['the cat sat', 'The cat  sat']], 0],
    // sat -> sit substituted, the second 'the' deleted: 2 edits over 6 words
    ['substitution and deletion', [['the cat sat on the mat', 'the cat sit on mat']], 2 / 6],
    ['unreadable answer', [['the cat', null]], 1],
    // 0 + 2 (d -> x, f deleted) over 2 + 4 words
    ['corpus level', [['a b', 'a b'], ['c d e f', 'c x e']], 2 / 6],
    ['empty reference with a prediction', [['', 'two words']], 1],
    ['both empty', [['', '']], 0],
  ])('%s', (_name, pairs, expected) => {
    expect(wer.compute(records(pairs as [string, string | null][]), {}).wer).toBeCloseTo(expected, 12);
  });
});

describe('exact-match', () => {
  it.each([
    ['surrounding double quotes', '"Hello World"', 'hello world', true],
    ['full-width letters and curly quotes fold under NFKC', '“ＨＥＬＬＯ”', 'hello', true],
    ['spacing and a trailing period', ' hello   world. ', 'Hello world', true],
    ['single quotes', "'quoted'", 'quoted', true],
    ['punctuation inside the text still counts', 'hello, world', 'hello world', false],
    ['a different word', 'hello word', 'hello world', false],
    ['unreadable answer against an empty reference', null, '', true],
    ['unreadable answer against text', null, 'x', false],
  ])('%s', (_name, prediction, gold, matches) => {
    expect(exactMatch.compute(records([[gold, prediction]]), {})['exact-match']).toBe(matches ? 1 : 0);
  });

  it('is the share of matching records', () => {
    const input = records([['a', '"A"'], ['b', 'c'], ['d', 'd'], ['e', null]]);
    expect(exactMatch.compute(input, {})['exact-match']).toBe(2 / 4);
  });
});
