import { seededRandom, type Random } from '../util/random.js';

/** A headline figure with its percentile bootstrap interval. */
export interface Interval {
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
}

export interface BootstrapOptions {
  /** Resamples drawn; 1000 by default. */
  readonly samples?: number;
  readonly seed: number;
  /** Two-sided coverage of the interval; 0.95 by default. */
  readonly confidence?: number;
}

export type NamedNumbers = Readonly<Record<string, number>>;

/** The difference metric(a) - metric(b) between two models over the samples both answered. */
export interface PairedDifference {
  readonly diff: number;
  readonly lo: number;
  readonly hi: number;
  /** Two-sided: twice the smaller share of resampled differences on either side of 0 (capped at 1). */
  readonly pValue: number;
  /** Samples both models answered. */
  readonly n: number;
}

function settings(options: BootstrapOptions): { samples: number; confidence: number } {
  const { samples = 1000, confidence = 0.95 } = options;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`bootstrap samples must be a positive integer, got ${samples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`bootstrap confidence must be in (0, 1), got ${confidence}`);
  return { samples, confidence };
}

/**
 * Draws one resample as multiplicities: how many times each of n items is picked (n draws with
 * replacement). A truncated float * n rather than int(0, n - 1): half the cost, and the bias of a 53-bit
 * float is nil for any realistic n. `>>> 0` truncates (n is below 2^32, the array length limit); unlike
 * Math.floor it stays fast inside jest's vm context too.
 */
function drawMultiplicities(random: Random, multiplicities: Uint32Array): void {
  const n = multiplicities.length;
  multiplicities.fill(0);
  for (let i = 0; i < n; i++) multiplicities[(random.float() * n) >>> 0]!++;
}

/**
 * The resampled items, each repeated by its multiplicity, in their original order: a resample is a
 * multiset, and walking records in order keeps memory access sequential, which dominates the cost of
 * scoring 1000 resamples of 10k records.
 */
function expand<R>(items: readonly R[], multiplicities: Uint32Array): R[] {
  const resampled = new Array<R>(items.length);
  let at = 0;
  for (let i = 0; i < items.length; i++) {
    for (let k = multiplicities[i]!; k > 0; k--) resampled[at++] = items[i]!;
  }
  return resampled;
}

/** Quantile q of ascending values, interpolating linearly between order statistics (numpy's default). */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function percentileInterval(values: readonly number[], confidence: number): { lo: number; hi: number } {
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - confidence) / 2;
  return { lo: quantile(sorted, tail), hi: quantile(sorted, 1 - tail) };
}

/**
 * Percentile bootstrap intervals for every named number `compute` returns: `samples` resamples of the
 * records (with replacement, deterministic for a seed), each scored once. A name that comes out NaN or
 * missing in a resample (e.g. a rate over a class the resample happens to lack) is left out of that
 * name's distribution. With no records every value and bound is NaN.
 */
export function bootstrapIntervals<R>(
  records: readonly R[],
  compute: (records: readonly R[]) => NamedNumbers,
  options: BootstrapOptions,
): Record<string, Interval> {
  const { samples, confidence } = settings(options);
  const full = compute(records);
  const names = Object.keys(full);
  const result: Record<string, Interval> = {};
  // Nothing to resample (a metric whose result is only its table).
  if (names.length === 0) return result;
  if (records.length === 0) {
    for (const name of names) result[name] = { value: Number.NaN, lo: Number.NaN, hi: Number.NaN };
    return result;
  }
  const distributions = new Map<string, number[]>(names.map((name) => [name, []]));
  const random = seededRandom(options.seed);
  const multiplicities = new Uint32Array(records.length);
  for (let s = 0; s < samples; s++) {
    drawMultiplicities(random, multiplicities);
    const resampled = compute(expand(records, multiplicities));
    for (const [name, values] of distributions) {
      const value = resampled[name];
      if (value !== undefined && !Number.isNaN(value)) values.push(value);
    }
  }
  for (const [name, values] of distributions) result[name] = { value: full[name]!, ...percentileInterval(values, confidence) };
  return result;
}

/**
 * Paired bootstrap of metric `name` between two models on the same samples: records are joined by id
 * (ids answered by both; the caller removes failed and skipped ones), and each resample draws ids, so
 * both models are scored on exactly the same resampled samples. Resamples where either side is NaN are
 * left out.
 */
export function pairedBootstrap<R extends { readonly id: string }>(
  a: readonly R[],
  b: readonly R[],
  compute: (records: readonly R[]) => NamedNumbers,
  name: string,
  options: BootstrapOptions,
): PairedDifference {
  const { samples, confidence } = settings(options);
  const byIdB = new Map(b.map((record) => [record.id, record]));
  const joinedA: R[] = [];
  const joinedB: R[] = [];
  for (const record of new Map(a.map((r) => [r.id, r])).values()) {
    const other = byIdB.get(record.id);
    if (other === undefined) continue;
    joinedA.push(record);
    joinedB.push(other);
  }
  const n = joinedA.length;
  const difference = (left: readonly R[], right: readonly R[]) => (compute(left)[name] ?? Number.NaN) - (compute(right)[name] ?? Number.NaN);
  if (n === 0) return { diff: Number.NaN, lo: Number.NaN, hi: Number.NaN, pValue: Number.NaN, n };
  const random = seededRandom(options.seed);
  const multiplicities = new Uint32Array(n);
  const diffs: number[] = [];
  for (let s = 0; s < samples; s++) {
    drawMultiplicities(random, multiplicities);
    const d = difference(expand(joinedA, multiplicities), expand(joinedB, multiplicities));
    if (!Number.isNaN(d)) diffs.push(d);
  }
  let notAbove = 0;
  let notBelow = 0;
  for (const d of diffs) {
    if (d <= 0) notAbove++;
    if (d >= 0) notBelow++;
  }
  const pValue = diffs.length > 0 ? Math.min(1, (2 * Math.min(notAbove, notBelow)) / diffs.length) : Number.NaN;
  return { diff: difference(joinedA, joinedB), ...percentileInterval(diffs, confidence), pValue, n };
}
