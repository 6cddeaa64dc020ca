/** `part / whole`, or NaN when there is nothing to divide: a rate over no records is undefined, not 0. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : Number.NaN;
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return ratio(sum, values.length);
}
