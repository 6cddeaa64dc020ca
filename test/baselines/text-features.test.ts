import { describe, expect, it } from '@jest/globals';
import { fnv1a, HASHED_DIMENSIONS, textFeatures } from '../../plugins/models/text-features.js';

describe('text features', () => {
  it('hashes with 32-bit FNV-1a (published test vectors) and continues a prefix hash', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(fnv1a('bar', fnv1a('foo'))).toBe(fnv1a('foobar'));
  });

  it('gives a unit-length sparse vector inside the hashed space, the same for the same words', () => {
    const features = textFeatures('The cat sat on the mat');
    expect(features.indices.length).toBe(features.values.length);
    expect(new Set(features.indices).size).toBe(features.indices.length);
    expect(Math.max(...features.indices)).toBeLessThan(HASHED_DIMENSIONS);
    expect(Math.hypot(...features.values)).toBeCloseTo(1, 6);
    expect(textFeatures('the CAT, sat on... the mat!')).toEqual(features);
  });

  it('counts words, bigrams and character 3-5-grams: "ab" has 1 + 0 + (2 + 1 + 0) features', () => {
    // "<ab>": trigrams "<ab", "ab>", one 4-gram "<ab>", no 5-gram.
    expect(textFeatures('ab').indices.length).toBe(4);
    // A repeated word adds no new feature but a bigram ("ab ab").
    expect(textFeatures('ab ab').indices.length).toBe(5);
  });

  it('gives an empty vector for a text without words', () => {
    expect(textFeatures('').indices.length).toBe(0);
    expect(textFeatures(' ?! ').values.length).toBe(0);
  });
});
