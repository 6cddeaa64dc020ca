import { formatNumber, hasInterval, hasValue } from '../estimate.js';
import { bestMarks, headlineMetrics, lowerIsBetter, metricTitle } from '../headlines.js';
import { paperTable, type PaperCell } from '../paper-table.js';
import { taskResultTables, tableText, type PairTable } from '../result-tables.js';
import type { Estimate, MetricsFile, PairCounts } from '../results.js';
import { barChart, type Bar } from './bar-chart.js';
import { confusionMatrix } from './confusion-matrix.js';
import { element, escapeMarkup, text } from './markup.js';
import { modelColour } from './palette.js';

function estimateCell(estimate: Estimate | undefined, best: boolean): string {
  if (!hasValue(estimate)) return text('td', { class: 'missing' }, '–');
  const interval = hasInterval(estimate) ? ` ${text('small', {}, `[${formatNumber(estimate.lo)}, ${formatNumber(estimate.hi)}]`)}` : '';
  return element('td', { class: best ? 'best' : undefined }, escapeMarkup(formatNumber(estimate.value)), interval);
}

/** The paper-layout table: a row per model, a column per task with its headline metric; best in bold. */
export function summarySection(metrics: MetricsFile): string {
  const { columns, rows } = paperTable([metrics]);
  const head = element(
    'tr',
    {},
    text('th', {}, 'Model'),
    ...columns.map((c) => element('th', {}, escapeMarkup(c.task), '<br>', text('small', {}, `${metricTitle([metrics], c.metric)} ${c.lowerIsBetter ? '↓' : '↑'}`))),
  );
  const body = rows.map((row) => element('tr', {}, text('th', {}, row.model), ...row.cells.map((cell: PaperCell) => estimateCell(cell.estimate, cell.best))));
  return element(
    'section',
    { id: 'summary' },
    text('h2', {}, 'Results'),
    element('table', { class: 'results' }, element('thead', {}, head), element('tbody', {}, ...body)),
    text('p', { class: 'note' }, `Each cell: the task's headline metric with its ${Math.round(metrics.bootstrap.confidence * 100)}% bootstrap interval (${metrics.bootstrap.samples} resamples, seed ${metrics.bootstrap.seed}); best per task in bold. Invalid answers count as wrong; failed and skipped samples are counted, not scored.`),
  );
}

function countsTable(models: readonly string[], counts: Readonly<Record<string, PairCounts>>): string {
  const head = element('tr', {}, ...['Model', 'Samples', 'Valid', 'Failed', 'Skipped'].map((h) => text('th', {}, h)));
  const rows = models
    .filter((model) => counts[model])
    .map((model) => {
      const c = counts[model]!;
      return element('tr', {}, text('th', {}, model), ...[c.samples, c.valid, c.failed, c.skipped].map((n) => text('td', {}, String(n))));
    });
  return element('table', { class: 'counts' }, element('thead', {}, head), element('tbody', {}, ...rows));
}

/** A metric's table: a confusion matrix as a heat map, any other as an HTML table under its title. */
function metricTable({ model, title, table }: PairTable, colour: string): string {
  const heading = `${title}: ${model}`;
  if (table.kind === 'confusion') return confusionMatrix(heading, table, colour);
  const { header, rows } = tableText(table);
  return element(
    'table',
    { class: 'metric' },
    text('caption', {}, heading),
    element('thead', {}, element('tr', {}, ...header.map((h) => text('th', {}, h)))),
    element('tbody', {}, ...rows.map(([first, ...rest]) => element('tr', {}, text('th', {}, first ?? ''), ...rest.map((cell) => text('td', {}, cell))))),
  );
}

/** One task: a bar chart per headline metric (a bar per model), the metrics' tables, sample counts. */
export function taskSection(metrics: MetricsFile, task: string, index: number): string {
  const info = metrics.tasks[task]!;
  const results = metrics.results[task] ?? {};
  const models = metrics.models.filter((m) => results[m]);
  const charts = headlineMetrics(metrics, task).map((metric) => {
    const estimates = models.map((m) => results[m]![metric]);
    const best = bestMarks(estimates.map((e) => (hasValue(e) ? e.value : undefined)), lowerIsBetter(metrics, metric));
    const bars: Bar[] = models.flatMap((model, i) => {
      const e = estimates[i];
      return hasValue(e) ? [{ label: model, value: e.value, lo: e.lo, hi: e.hi, best: best[i], colour: modelColour(metrics.models.indexOf(model)) }] : [];
    });
    return barChart(`${metricTitle([metrics], metric)} ${lowerIsBetter(metrics, metric) ? '(lower is better)' : ''}`.trim(), bars);
  });
  const tables = taskResultTables([metrics], task).map((pairTable) => metricTable(pairTable, modelColour(metrics.models.indexOf(pairTable.model))));
  return element(
    'section',
    { class: 'task', id: `task-${index}` },
    element('h3', {}, escapeMarkup(task), ' ', text('small', {}, `${info.task} v${info.version} · split ${info.split}`)),
    element('div', { class: 'charts' }, ...charts),
    tables.length ? element('div', { class: 'charts' }, ...tables) : '',
    countsTable(models, metrics.counts[task] ?? {}),
  );
}

/**
 * Instruction following per model across tasks: valid answers over answered samples, from the counts
 * every pair has (each task's own valid-rate chart, where it reports one, carries the interval).
 */
export function validRateSection(metrics: MetricsFile): string {
  const charts = metrics.models.map((model, m) => {
    const bars: Bar[] = Object.keys(metrics.tasks).flatMap((task) => {
      const c = metrics.counts[task]?.[model];
      const answered = c ? c.samples - c.failed - c.skipped : 0;
      return c && answered > 0 ? [{ label: task, value: c.valid / answered, colour: modelColour(m) }] : [];
    });
    return bars.length ? barChart(`Valid answers: ${model}`, bars) : '';
  });
  return element(
    'section',
    { id: 'valid' },
    text('h2', {}, 'Valid-answer rate'),
    text('p', { class: 'note' }, 'Share of answers that followed the requested format, per model and task.'),
    element('div', { class: 'charts' }, ...charts),
  );
}
