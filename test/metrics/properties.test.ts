import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { MetricContext, PredictionRecord } from '../../core/contracts/index.js';
import { resultTable } from '../../core/report/result-table.js';
import { confusion } from '../../plugins/metrics/classification.js';
import { builtinMetrics } from '../../plugins/metrics/index.js';
import { record } from './records.js';

/** Names whose values are counts; cer and wer are error rates that insertions can push above 1. */
const isCount = (name: string) => name.startsWith('support:');
const isUnbounded = (name: string) => name === 'cer' || name === 'wer';

function inRange(name: string, value: number): boolean {
  if (isCount(name)) return Number.isInteger(value) && value >= 0;
  if (name === 'judge-score') return value >= 1 && value <= 5;
  if (isUnbounded(name)) return value >= 0;
  return value >= 0 && value <= 1;
}

const recordOf = (gold: fc.Arbitrary<unknown>, prediction: fc.Arbitrary<unknown>) =>
  fc.tuple(gold, prediction, fc.boolean(), fc.string()).map(([g, p, valid, id]) => record(g, p, { valid, id }));

const contexts: fc.Arbitrary<MetricContext> = fc.option(fc.array(fc.string(), { maxLength: 4 }), { nil: undefined }).map((labels) =>
  labels ? { labels } : {},
);

function check(recordsOf: fc.Arbitrary<PredictionRecord[]>, allowNaN: boolean) {
  fc.assert(
    fc.property(recordsOf, contexts, (rs, context) => {
      // The judge's mean is undefined when no answer was graded, as on records without judge grades.
      const graded = rs.some((r) => typeof r.judge === 'number');
      for (const metric of builtinMetrics) {
        const numbers = metric.compute(rs, context);
        for (const [name, value] of Object.entries(numbers)) {
          if (typeof value !== 'number') return false;
          const nanAllowed = allowNaN || (name === 'judge-score' && !graded);
          if (Number.isNaN(value) ? !nanAllowed : !inRange(name, value)) {
            throw new Error(`${metric.id}: ${name} = ${value}`);
          }
        }
        // A table must pass the core's check and name only numbers the metric returns.
        if (metric.table) resultTable(metric.table(rs, context), Object.fromEntries(Object.entries(numbers).map(([name, value]) => [name, { value, lo: value, hi: value }])));
      }
      return true;
    }),
    { numRuns: 300, seed: 20261127 },
  );
}

describe('every built-in metric', () => {
  it('has a unique id, a title, a one-sentence description and a headline named like it (or a table)', () => {
    const ids = builtinMetrics.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sample = [record('a', 'a'), record('b', null)];
    for (const metric of builtinMetrics) {
      expect(metric.description).toMatch(/^[A-Z].*\.$/);
      const names = Object.keys(metric.compute(sample, { labels: ['a', 'b'] }));
      expect(metric.title).toBeTruthy();
      // per-class and confusion are tables: their numbers (if any) are cells, none is the headline
      if (metric.table) expect(names).not.toContain(metric.id);
      else expect(names).toContain(metric.id);
    }
  });

  it('never throws on arbitrary records and stays a number, in range where it is not NaN', () => {
    check(fc.array(recordOf(fc.anything(), fc.anything()), { maxLength: 12 }), true);
  });

  it('gives finite values in range on well-formed classification records', () => {
    const label = fc.constantFrom('yes', 'no', 'maybe');
    check(fc.array(recordOf(label, fc.option(label, { nil: null })), { minLength: 1, maxLength: 20 }), false);
  });
});

describe('classification identities', () => {
  it('confusion cells sum to the records, and accuracy is the share on the diagonal', () => {
    const labels = ['a', 'b', 'c'];
    const label = fc.constantFrom(...labels);
    fc.assert(
      fc.property(fc.array(recordOf(label, fc.option(label, { nil: null })), { minLength: 1, maxLength: 30 }), (rs) => {
        const metrics = Object.fromEntries(builtinMetrics.map((m) => [m.id, m.compute(rs, { labels })]));
        const matrix = confusion.table!(rs, { labels });
        if (matrix.kind !== 'confusion') throw new Error('confusion gave a value table');
        const total = matrix.counts.flat().reduce((a, b) => a + b, 0);
        const diagonal = labels.reduce((sum, l) => sum + matrix.counts[matrix.rows.indexOf(l)]![matrix.columns.indexOf(l)]!, 0);
        expect(total).toBe(rs.length);
        expect(metrics.accuracy!.accuracy).toBeCloseTo(diagonal / rs.length, 12);
        const f1s = labels.map((l) => metrics['per-class']![`f1:${l}`]!);
        expect(metrics['macro-f1']!['macro-f1']).toBeCloseTo(f1s.reduce((a, b) => a + b, 0) / labels.length, 12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('text metrics', () => {
  it('give finite values in range on well-formed OCR, tagging and generation records', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'C', '😀', '.', '"'), maxLength: 15 });
    const tags = fc.array(fc.constantFrom('Music', 'music', 'Sport', ' Film '), { maxLength: 4 });
    const ocr = fc.array(recordOf(text, fc.option(text, { nil: null })), { minLength: 1, maxLength: 10 });
    const tagging = fc.array(recordOf(tags, fc.option(tags, { nil: null })), { minLength: 1, maxLength: 10 });
    const generation = fc.array(recordOf(fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 })), text), {
      minLength: 1,
      maxLength: 10,
    });
    const byId = new Map(builtinMetrics.map((m) => [m.id, m]));
    const cases = [
      [ocr, ['cer', 'wer', 'exact-match']],
      [tagging, ['tag-f1']],
      [generation, ['rouge-l', 'bleu']],
    ] as const;
    for (const [arbitrary, ids] of cases) {
      fc.assert(
        fc.property(arbitrary, (rs) =>
          ids.every((id) =>
            Object.entries(byId.get(id)!.compute(rs, {})).every(([name, value]) => Number.isFinite(value) && inRange(name, value)),
          ),
        ),
        { numRuns: 200 },
      );
    }
  });
});
