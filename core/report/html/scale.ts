/** The smallest of 1, 2, 2.5, 5 x 10^k at or above `x` (a round axis end); 1 for x <= 0. */
export function niceCeiling(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= x * (1 - 1e-9))!;
  return step * power;
}

/** Axis tick text: at most three significant decimals, no trailing zeros. */
export function tickLabel(x: number): string {
  return String(Number(x.toPrecision(3)));
}
