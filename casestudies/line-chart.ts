import { element, text } from '../core/report/html/markup.js';
import { modelColour } from '../core/report/html/palette.js';

export interface LineSeries {
  readonly name: string;
  /** One value per x position; null leaves the point out. */
  readonly values: readonly (number | null)[];
}

const WIDTH = 520;
const HEIGHT = 220;
const LEFT = 40;
const RIGHT = 180;
const TOP = 24;
const BOTTOM = 34;
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * A line chart of rates over numbered steps (rounds): x from the first to the last label, y from 0
 * to 1, one coloured line with dots per series and a legend at the right. Plain inline SVG with its
 * colours in attributes, so it reads the same standalone and inside report.html.
 */
export function lineChart(title: string, xLabels: readonly string[], xTitle: string, series: readonly LineSeries[]): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (xLabels.length > 1 ? (i / (xLabels.length - 1)) * plotWidth : plotWidth / 2);
  const y = (v: number) => TOP + (1 - Math.max(0, Math.min(1, v))) * plotHeight;
  const grid = Y_TICKS.map((t) =>
    element(
      'g',
      {},
      element('line', { x1: LEFT, x2: LEFT + plotWidth, y1: y(t), y2: y(t), stroke: '#d9dde5' }),
      text('text', { x: LEFT - 6, y: y(t) + 3, 'text-anchor': 'end', fill: '#5b6475', 'font-size': 10 }, String(t)),
    ),
  );
  const xTicks = xLabels.map((label, i) => text('text', { x: x(i), y: TOP + plotHeight + 14, 'text-anchor': 'middle', fill: '#5b6475', 'font-size': 10 }, label));
  const lines = series.map((s, index) => {
    const colour = modelColour(index);
    const points = s.values.flatMap((v, i) => (v === null ? [] : [{ x: x(i), y: y(v), v, label: xLabels[i]! }]));
    return element(
      'g',
      {},
      element('polyline', { points: points.map((p) => `${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2 }),
      ...points.map((p) => element('circle', { cx: p.x, cy: p.y, r: 3, fill: colour }, text('title', {}, `${s.name}, ${xTitle} ${p.label}: ${p.v.toFixed(3)}`))),
      element('line', { x1: WIDTH - RIGHT + 14, x2: WIDTH - RIGHT + 30, y1: TOP + 6 + index * 18, y2: TOP + 6 + index * 18, stroke: colour, 'stroke-width': 2 }),
      text('text', { x: WIDTH - RIGHT + 36, y: TOP + 10 + index * 18, 'font-size': 11 }, s.name),
    );
  });
  return element(
    'svg',
    { class: 'chart', width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title, xmlns: 'http://www.w3.org/2000/svg', 'font-family': 'system-ui, sans-serif' },
    text('title', {}, title),
    ...grid,
    element('line', { x1: LEFT, x2: LEFT, y1: TOP, y2: TOP + plotHeight, stroke: '#5b6475' }),
    ...xTicks,
    text('text', { x: LEFT + plotWidth / 2, y: HEIGHT - 4, 'text-anchor': 'middle', 'font-size': 11 }, xTitle),
    ...lines,
  );
}
