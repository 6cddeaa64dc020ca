import type { ConfusionMatrix } from '../../contracts/metric.js';
import { element, text } from './markup.js';

const CELL = 34;
const LABEL_WIDTH = 110;
const TOP = 72;
const LABEL_CHARS = 16;

const shorten = (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

/**
 * A heat map of a metric's confusion matrix: rows are gold labels, columns answers; a cell's shade is
 * its share of the row, so recall per class reads along the diagonal.
 */
export function confusionMatrix(title: string, matrix: ConfusionMatrix, colour: string): string {
  const { rows: golds, columns: predictions, counts } = matrix;
  const width = LABEL_WIDTH + predictions.length * CELL + 10;
  const height = TOP + golds.length * CELL + 20;
  const cells = golds.flatMap((gold, r) => {
    const rowTotal = counts[r]!.reduce((sum, n) => sum + n, 0);
    return predictions.map((predicted, c) => {
      const n = counts[r]![c]!;
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
