import { describe, expect, test } from '@jest/globals';
import { globMatcher } from '../../core/data/glob.js';

describe('globMatcher', () => {
  test('* and ? stay within a path segment, ** crosses them, other characters are literal', () => {
    const match = globMatcher(['data/validation-*', '**/*.md', 'img/?.png']);
    expect(match('data/validation-00000-of-00001.parquet')).toBe(true);
    expect(match('data/validation/x.parquet')).toBe(false);
    expect(match('data/train-00000-of-00001.parquet')).toBe(false);
    expect(match('README.md')).toBe(true);
    expect(match('docs/a/b.md')).toBe(true);
    expect(match('READMExmd')).toBe(false);
    expect(match('img/1.png')).toBe(true);
    expect(match('img/10.png')).toBe(false);
  });

  test('no pattern matches everything', () => {
    expect(globMatcher([])('anything/at/all')).toBe(true);
  });
});
