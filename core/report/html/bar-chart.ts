import { formatNumber } from '../estimate.js';
import { element, text } from './markup.js';
import { niceCeiling, tickLabel } from './scale.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The 95% interval, drawn as a whisker when both ends are numbers. */
  readonly lo?: number;
  readonly hi?: number;
  readonly best?: boolean;
  readonly colour: string;
}

const WIDTH = 420;
const LABEL_WIDTH = 130;
const VALUE_WIDTH = 48;
const ROW = 20;
const TOP = 26;
const AXIS = 20;
const LABEL_CHARS = 20;

const shorten = (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);
const isNumber = (x: number | undefined): x is number => typeof x === 'number' && !Number.isNaN(x);

/**
 * A horizontal bar chart, one bar per row with its interval whisker and value; the best bar's value in
 * bold. The axis runs from 0 to 1 for rates, further (to a round number) when a value or interval end
 * exceeds 1 (error rates above 1, judge grades).
 */
export function barChart(title: string, bars: readonly Bar[]): string {
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const extent = Math.max(1, ...bars.flatMap((b) => [b.value, b.hi]).filter(isNumber));
  const max = extent > 1 ? niceCeiling(extent) : 1;
  const x = (v: number) => LABEL_WIDTH + (Math.max(0, Math.min(v, max)) / max) * plot;
  const height = TOP + bars.length * ROW + AXIS;
  const axisY = TOP + bars.length * ROW;
  const ticks = [0, max / 2, max].map((t) =>
    element(
      'g',
      {},
      element('line', { x1: x(t), x2: x(t), y1: TOP - 4, y2: axisY, class: 'grid' }),
      text('text', { x: x(t), y: axisY + 14, 'text-anchor': 'middle', class: 'tick' }, tickLabel(t)),
    ),
  );
  const rows = bars.map((bar, i) => {
    const y = TOP + i * ROW;
    const interval = isNumber(bar.lo) && isNumber(bar.hi) ? ` [${formatNumber(bar.lo)}, ${formatNumber(bar.hi)}]` : '';
    const whisker = isNumber(bar.lo) && isNumber(bar.hi)
      ? element(
          'g',
          { class: 'whisker' },
          element('line', { x1: x(bar.lo), x2: x(bar.hi), y1: y + ROW / 2, y2: y + ROW / 2 }),
          element('line', { x1: x(bar.lo), x2: x(bar.lo), y1: y + 5, y2: y + ROW - 5 }),
          element('line', { x1: x(bar.hi), x2: x(bar.hi), y1: y + 5, y2: y + ROW - 5 }),
        )
      : '';
    return element(
      'g',
      { class: 'bar' },
      text('title', {}, `${bar.label}: ${formatNumber(bar.value)}${interval}`),
      text('text', { x: LABEL_WIDTH - 6, y: y + ROW / 2 + 4, 'text-anchor': 'end', class: 'label' }, shorten(bar.label)),
      element('rect', { x: LABEL_WIDTH, y: y + 4, width: x(bar.value) - LABEL_WIDTH, height: ROW - 8, fill: bar.colour }),
      whisker,
      text('text', { x: WIDTH - VALUE_WIDTH + 4, y: y + ROW / 2 + 4, class: bar.best ? 'value best' : 'value' }, formatNumber(bar.value)),
    );
  });
  return element(
    'svg',
    { class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', 'aria-label': title },
    text('title', {}, title),
    text('text', { x: 0, y: 14, class: 'chart-title' }, title),
    ...ticks,
    ...rows,
  );
}
