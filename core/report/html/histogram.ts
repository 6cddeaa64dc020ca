import { element, text } from './markup.js';
import { tickLabel } from './scale.js';

const WIDTH = 320;
const HEIGHT = 150;
const LEFT = 38;
const RIGHT = 12;
const TOP = 26;
const BOTTOM = 28;
const BINS = 20;

/** The q-quantile of ascending values (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * A histogram of `values` in 20 bins from 0 (or the minimum, when negative) to the 99th percentile;
 * the few values above it are counted in the last bin, whose axis label then reads `N+`, so one
 * straggler does not squeeze every other bar into the first bin.
 */
export function histogram(title: string, values: readonly number[], options: { readonly colour: string; readonly unit: string }): string {
  const sorted = [...values].sort((a, b) => a - b);
  const lo = Math.min(0, sorted[0] ?? 0);
  const top = sorted.length ? quantile(sorted, 0.99) : 1;
  const hi = top > lo ? top : lo + 1;
  const counts = new Array<number>(BINS).fill(0);
  for (const v of sorted) counts[Math.min(BINS - 1, Math.floor(((v - lo) / (hi - lo)) * BINS))]!++;
  const overflow = sorted.length > 0 && sorted.at(-1)! > hi;
  const tallest = Math.max(1, ...counts);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const barWidth = plotWidth / BINS;
  const bars = counts.map((count, i) => {
    const h = (count / tallest) * plotHeight;
    const from = lo + ((hi - lo) * i) / BINS;
    const to = lo + ((hi - lo) * (i + 1)) / BINS;
    const range = i === BINS - 1 && overflow ? `≥ ${tickLabel(from)}` : `${tickLabel(from)}–${tickLabel(to)}`;
    return element(
      'rect',
      { x: LEFT + i * barWidth + 0.5, y: TOP + plotHeight - h, width: barWidth - 1, height: h, fill: options.colour },
      text('title', {}, `${range} ${options.unit}: ${count}`),
    );
  });
  const median = sorted.length ? tickLabel(quantile(sorted, 0.5)) : '-';
  const axisY = TOP + plotHeight;
  const label = (x: number, content: string, anchor: string) => text('text', { x, y: axisY + 14, 'text-anchor': anchor, class: 'tick' }, content);
  return element(
    'svg',
    { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': title },
    text('title', {}, title),
    text('text', { x: 0, y: 14, class: 'chart-title' }, `${title} (n = ${sorted.length}, median ${median} ${options.unit})`),
    element('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: axisY, y2: axisY, class: 'axis' }),
    text('text', { x: LEFT - 4, y: TOP + 8, 'text-anchor': 'end', class: 'tick' }, String(tallest)),
    text('text', { x: LEFT - 4, y: axisY, 'text-anchor': 'end', class: 'tick' }, '0'),
    ...bars,
    label(LEFT, tickLabel(lo), 'start'),
    label(LEFT + plotWidth / 2, tickLabel((lo + hi) / 2), 'middle'),
    label(WIDTH - RIGHT, `${tickLabel(hi)}${overflow ? '+' : ''} ${options.unit}`, 'end'),
  );
}
