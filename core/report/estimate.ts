import type { Estimate } from './results.js';

/** Whether an estimate carries a number (metrics over no records are NaN). */
export function hasValue(estimate: Estimate | undefined): estimate is Estimate {
  return estimate !== undefined && typeof estimate.value === 'number' && !Number.isNaN(estimate.value);
}

/** Whether the interval bounds are numbers (a bootstrap where every resample came out NaN has none). */
export function hasInterval(estimate: Estimate): boolean {
  return typeof estimate.lo === 'number' && !Number.isNaN(estimate.lo) && typeof estimate.hi === 'number' && !Number.isNaN(estimate.hi);
}

/** Three decimals: the precision of the paper's tables. */
export const formatNumber = (x: number): string => x.toFixed(3);

/** `0.612 [0.580, 0.640]`, the value alone when there is no interval, `n/a` when there is no value. */
export function formatEstimate(estimate: Estimate | undefined): string {
  if (!hasValue(estimate)) return 'n/a';
  return hasInterval(estimate) ? `${formatNumber(estimate.value)} [${formatNumber(estimate.lo)}, ${formatNumber(estimate.hi)}]` : formatNumber(estimate.value);
}
