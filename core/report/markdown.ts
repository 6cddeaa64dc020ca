import { formatEstimate, formatNumber, hasInterval, hasValue } from './estimate.js';
import { metricTitle } from './headlines.js';
import { paperTable, taskTables, type PaperCell } from './paper-table.js';
import { taskResultTables, tableText, type PairTable } from './result-tables.js';
import type { MetricsFile } from './results.js';
import { markdownTable } from './text-table.js';

/** `**0.612** [0.580, 0.640]` for the best cell of a column, `-` for no value. */
function summaryCell({ estimate, best }: PaperCell): string {
  if (!hasValue(estimate)) return '-';
  const value = best ? `**${formatNumber(estimate.value)}**` : formatNumber(estimate.value);
  return hasInterval(estimate) ? `${value} [${formatNumber(estimate.lo)}, ${formatNumber(estimate.hi)}]` : value;
}

/** How the intervals were drawn, once when every run used the same settings. */
function intervalsNote(runs: readonly MetricsFile[]): string {
  const describe = (run: MetricsFile) => `${run.bootstrap.samples} resamples, seed ${run.bootstrap.seed}`;
  const settings = new Set(runs.map(describe));
  const detail = settings.size === 1 ? [...settings][0]! : runs.map((run) => `${run.runId}: ${describe(run)}`).join('; ');
  return `Intervals: ${Math.round(runs[0]!.bootstrap.confidence * 100)}% percentile bootstrap, ${detail}.`;
}

/** A `|` inside a cell would end it: labels and names in metric tables are free text. */
const cellText = (text: string) => text.replaceAll('|', '\\|');

/** A metric's table under its title and the (run and) model it belongs to. */
function metricTable({ run, model, title, table }: PairTable, several: boolean): string[] {
  const { header, rows } = tableText(table);
  return [`### ${title}: ${several ? `${run} · ` : ''}${model}`, '', markdownTable(header.map(cellText), rows.map((row) => row.map(cellText))), ''];
}

/**
 * The summary table in the paper's layout (a row per model, or per run x model for several runs; a
 * column per task with its headline metric and 95% interval; best per task in bold), then one table
 * per task with all its headline metrics and the sample counts, followed (with `tables`) by the task's
 * metric tables (confusion matrices, per-class scores).
 */
export function renderMarkdown(runs: readonly MetricsFile[], options: { readonly tables: boolean } = { tables: true }): string {
  const several = runs.length > 1;
  const lead = (run: string, model: string) => (several ? [run, model] : [model]);
  const leadHeader = several ? ['Run', 'Model'] : ['Model'];
  const summary = paperTable(runs);
  const sections = [
    `# MM-Soc results: ${several ? 'runs' : 'run'} ${runs.map((r) => r.runId).join(', ')}`,
    '',
    ...runs.flatMap((run) => (run.partial ? [`**Partial: ${several ? `${run.runId} ` : ''}covers only part of the data** (${run.partial.join('; ')}).`, ''] : [])),
    markdownTable(
      [...leadHeader, ...summary.columns.map(({ task, metric, lowerIsBetter }) => `${task} (${metricTitle(runs, metric)} ${lowerIsBetter ? '↓' : '↑'})`)],
      summary.rows.map((row) => [...lead(row.run, row.model), ...row.cells.map(summaryCell)]),
    ),
    '',
  ];
  for (const table of taskTables(runs)) {
    const rows = table.rows.map((row) => [
      ...lead(row.run, row.model),
      ...row.estimates.map(formatEstimate),
      String(row.counts?.samples ?? 0),
      String(row.counts?.failed ?? 0),
      String(row.counts?.skipped ?? 0),
    ]);
    sections.push(`## ${table.task} (${table.info.task} v${table.info.version}, split ${table.info.split})`, '');
    sections.push(markdownTable([...leadHeader, ...table.metrics.map((m) => metricTitle(runs, m)), 'N', 'Failed', 'Skipped'], rows), '');
    if (options.tables) for (const pairTable of taskResultTables(runs, table.task)) sections.push(...metricTable(pairTable, several));
  }
  const lower = [...new Set(runs.flatMap((run) => run.lowerIsBetter ?? []))].map((m) => metricTitle(runs, m));
  sections.push(
    `${intervalsNote(runs)} Invalid answers count as wrong; failed and skipped samples are counted, not scored. ` +
      `Bold marks the best per task${lower.length ? ` (lower is better for ${lower.join(', ')})` : ''}.`,
    '',
  );
  return sections.join('\n');
}
