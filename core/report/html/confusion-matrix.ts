import type { Estimate } from '../results.js';
import { element, text } from './markup.js';

const PREFIX = 'confusion:';
const CELL = 34;
const LABEL_WIDTH = 110;
const TOP = 72;
const LABEL_CHARS = 16;

export interface ConfusionCounts {
  readonly golds: readonly string[];
  readonly predictions: readonly string[];
  readonly count: (gold: string, predicted: string) => number;
}

/**
 * The gold x predicted counts the `confusion` metric put in metrics.json (`confusion:<gold>|<predicted>`
 * names), in the metric's own order; undefined when the task does not report it.
 */
export function confusionCounts(estimates: Readonly<Record<string, Estimate>>): ConfusionCounts | undefined {
  const cells = new Map<string, number>();
  const golds: string[] = [];
  const predictions: string[] = [];
  for (const [name, estimate] of Object.entries(estimates)) {
    if (!name.startsWith(PREFIX)) continue;
    const bar = name.indexOf('|', PREFIX.length);
    const gold = name.slice(PREFIX.length, bar);
    const predicted = name.slice(bar + 1);
    if (!golds.includes(gold)) golds.push(gold);
    if (!predictions.includes(predicted)) predictions.push(predicted);
    cells.set(`${gold}|${predicted}`, estimate.value);
  }
  if (cells.size === 0) return undefined;
  return { golds, predictions, count: (gold, predicted) => cells.get(`${gold}|${predicted}`) ?? 0 };
}

const shorten = (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

/**
 * A heat map of counts: rows are gold labels, columns predicted answers (unreadable answers in their
 * own column); a cell's shade is its share of the row, so recall per class reads along the diagonal.
 */
export function confusionMatrix(title: string, counts: ConfusionCounts, colour: string): string {
  const { golds, predictions } = counts;
  const width = LABEL_WIDTH + predictions.length * CELL + 10;
  const height = TOP + golds.length * CELL + 20;
  const cells = golds.flatMap((gold, r) => {
    const rowTotal = predictions.reduce((sum, p) => sum + counts.count(gold, p), 0);
    return predictions.map((predicted, c) => {
      const n = counts.count(gold, predicted);
      const share = rowTotal > 0 ? n / rowTotal : 0;
      const x = LABEL_WIDTH + c * CELL;
      const y = TOP + r * CELL;
      return element(
        'g',
        { class: 'cell' },
        text('title', {}, `gold ${gold}, answered ${predicted}: ${n}`),
        element('rect', { x, y, width: CELL - 2, height: CELL - 2, fill: colour, 'fill-opacity': 0.08 + 0.92 * share }),
        text('text', { x: x + CELL / 2 - 1, y: y + CELL / 2 + 4, 'text-anchor': 'middle', class: share > 0.5 ? 'count dark' : 'count' }, String(n)),
      );
    });
  });
  const columnLabels = predictions.map((p, c) =>
    text('text', { x: LABEL_WIDTH + c * CELL + CELL / 2, y: TOP - 6, transform: `rotate(-35 ${LABEL_WIDTH + c * CELL + CELL / 2} ${TOP - 6})`, class: 'tick' }, shorten(p)),
  );
  const rowLabels = golds.map((g, r) => text('text', { x: LABEL_WIDTH - 6, y: TOP + r * CELL + CELL / 2 + 4, 'text-anchor': 'end', class: 'label' }, shorten(g)));
  return element(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title },
    text('title', {}, title),
    text('text', { x: 0, y: 14, class: 'chart-title' }, title),
    ...columnLabels,
    ...rowLabels,
    ...cells,
    text('text', { x: 0, y: height - 4, class: 'tick' }, 'rows: gold · columns: answer'),
  );
}
