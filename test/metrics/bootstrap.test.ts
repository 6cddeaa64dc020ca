import { describe, expect, it } from '@jest/globals';
import type { PredictionRecord } from '../../core/contracts/index.js';
import { bootstrapIntervals, pairedBootstrap } from '../../core/metrics/bootstrap.js';
import { accuracy } from '../../plugins/metrics/classification.js';
import { record } from './records.js';

const score = (rs: readonly PredictionRecord[]) => accuracy.compute(rs, {});

/** n records of which the first `correct` are right, ids '0'..'n-1'. */
function answered(n: number, correct: number): PredictionRecord[] {
  return Array.from({ length: n }, (_, i) => record('yes', i < correct ? 'yes' : 'no', { id: String(i) }));
}

const width = (interval: { lo: number; hi: number } | undefined) => interval!.hi - interval!.lo;

describe('bootstrapIntervals', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const rs = answered(100, 70);
    const first = bootstrapIntervals(rs, score, { seed: 42 });
    expect(bootstrapIntervals(rs, score, { seed: 42 })).toEqual(first);
    expect(bootstrapIntervals(rs, score, { seed: 43 })).not.toEqual(first);
  });

  it('brackets the full-data value with a width near the normal approximation', () => {
    const { accuracy: interval } = bootstrapIntervals(answered(100, 70), score, { seed: 1 });
    expect(interval!.value).toBe(0.7);
    expect(interval!.lo).toBeLessThan(0.7);
    expect(interval!.hi).toBeGreaterThan(0.7);
    // 2 * 1.96 * sqrt(0.7 * 0.3 / 100) = 0.18
    expect(width(interval)).toBeGreaterThan(0.14);
    expect(width(interval)).toBeLessThan(0.22);
  });

  it('narrows as n grows (width ~ 1/sqrt(n))', () => {
    const small = bootstrapIntervals(answered(100, 70), score, { seed: 1 }).accuracy;
    const large = bootstrapIntervals(answered(2500, 1750), score, { seed: 1 }).accuracy;
    // sqrt(2500 / 100) = 5 times narrower, give or take resampling noise
    expect(width(large)).toBeLessThan(width(small) / 3.5);
    expect(width(large)).toBeGreaterThan(width(small) / 7);
  });

  it('narrows with a lower confidence', () => {
    const rs = answered(200, 120);
    const wide = bootstrapIntervals(rs, score, { seed: 5 }).accuracy!;
    const narrow = bootstrapIntervals(rs, score, { seed: 5, confidence: 0.5 }).accuracy!;
    expect(narrow.lo).toBeGreaterThan(wide.lo);
    expect(narrow.hi).toBeLessThan(wide.hi);
  });

  it('gives a point interval when every resample scores the same', () => {
    expect(bootstrapIntervals(answered(50, 50), score, { seed: 3 })).toEqual({ accuracy: { value: 1, lo: 1, hi: 1 } });
  });

  it('leaves NaN and missing values of a resample out of that name only', () => {
    // 'rate' is NaN in a resample without a flagged record, 'some' is missing there; both are 1 otherwise
    type Item = { id: string; flagged: boolean };
    const items: Item[] = [{ id: 'a', flagged: true }, { id: 'b', flagged: false }];
    const compute = (rs: readonly Item[]) => {
      const flagged = rs.filter((r) => r.flagged).length;
      return { rate: flagged / flagged, n: rs.length, ...(flagged > 0 ? { some: 1 } : {}) };
    };
    // a quarter of 2-item resamples hold only 'b'; included, NaN would end up as the upper bound
    expect(bootstrapIntervals(items, compute, { seed: 9, samples: 200 })).toEqual({
      rate: { value: 1, lo: 1, hi: 1 },
      n: { value: 2, lo: 2, hi: 2 },
      some: { value: 1, lo: 1, hi: 1 },
    });
  });

  it('reports NaN for every name over no records', () => {
    expect(bootstrapIntervals([], (rs) => ({ a: rs.length, b: 1 }), { seed: 1 })).toEqual({
      a: { value: Number.NaN, lo: Number.NaN, hi: Number.NaN },
      b: { value: Number.NaN, lo: Number.NaN, hi: Number.NaN },
    });
  });

  it.each([
    [{ seed: 1, samples: 0 }],
    [{ seed: 1, samples: 2.5 }],
    [{ seed: 1, confidence: 1 }],
    [{ seed: 1, confidence: 0 }],
  ])('refuses %j', (options) => {
    expect(() => bootstrapIntervals(answered(3, 1), score, options)).toThrow(RangeError);
  });
});

describe('pairedBootstrap', () => {
  it('gives a zero difference, a [0, 0] interval and p = 1 for identical models, joining by id', () => {
    const a = answered(200, 130);
    // same answers, other order: joined by position they would differ
    const b = [...a].reverse().map((r) => ({ ...r }));
    expect(pairedBootstrap(a, b, score, 'accuracy', { seed: 7 })).toEqual({ diff: 0, lo: 0, hi: 0, pValue: 1, n: 200 });
  });

  it('puts a clearly better model above 0 with a small p-value, a worse one below', () => {
    const better = answered(200, 180);
    const worse = answered(200, 100);
    const up = pairedBootstrap(better, worse, score, 'accuracy', { seed: 7 });
    expect(up.diff).toBeCloseTo(0.4, 12);
    expect(up.lo).toBeGreaterThan(0.3);
    expect(up.hi).toBeLessThan(0.5);
    expect(up.pValue).toBeLessThan(0.01);
    const down = pairedBootstrap(worse, better, score, 'accuracy', { seed: 7 });
    expect(down.hi).toBeLessThan(0);
    expect(down.diff).toBeCloseTo(-0.4, 12);
  });

  it('scores only ids both models answered', () => {
    // a: ids 1-4 right; b: ids 3, 4 wrong, 5, 6 right. Shared: 3, 4 -> 1 - 0
    const a = ['1', '2', '3', '4'].map((id) => record('x', 'x', { id }));
    const b = [record('x', 'y', { id: '3' }), record('x', 'y', { id: '4' }), record('x', 'x', { id: '5' }), record('x', 'x', { id: '6' })];
    expect(pairedBootstrap(a, b, score, 'accuracy', { seed: 1 })).toEqual({ diff: 1, lo: 1, hi: 1, pValue: 0, n: 2 });
  });

  it('is deterministic for a seed', () => {
    const a = answered(100, 60);
    const b = answered(100, 50).map((r, i) => (i % 3 === 0 ? record('yes', 'yes', { id: r.id }) : r));
    expect(pairedBootstrap(a, b, score, 'accuracy', { seed: 11 })).toEqual(pairedBootstrap(a, b, score, 'accuracy', { seed: 11 }));
  });

  it('reports NaN when the models share no sample', () => {
    const result = pairedBootstrap(answered(3, 1), [record('yes', 'yes', { id: 'other' })], score, 'accuracy', { seed: 1 });
    expect(result).toEqual({ diff: Number.NaN, lo: Number.NaN, hi: Number.NaN, pValue: Number.NaN, n: 0 });
  });
});
