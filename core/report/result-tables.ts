import { formatEstimate, formatNumber } from './estimate.js';
import { metricTitle } from './headlines.js';
import type { MetricsFile, ResultTable, TableCell } from './results.js';

/** One metric's table for one (run x) model. */
export interface PairTable {
  readonly run: string;
  readonly model: string;
  readonly metric: string;
  readonly title: string;
  readonly table: ResultTable;
}

/** The tables of one task: metric by metric in the task's order, each for every (run x) model that has it. */
export function taskResultTables(runs: readonly MetricsFile[], task: string): PairTable[] {
  const metrics = [...new Set(runs.flatMap((run) => run.tasks[task]?.metrics ?? []))];
  return metrics.flatMap((metric) =>
    runs.flatMap((run) =>
      run.models.flatMap((model) => {
        const table = run.tables?.[task]?.[model]?.[metric];
        return table ? [{ run: run.runId, model, metric, title: metricTitle(runs, metric), table }] : [];
      }),
    ),
  );
}

/** A cell as text: an estimate with its interval, an integer as a count, other numbers to three decimals. */
export function formatCell(cell: TableCell): string {
  if (cell === null) return '-';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'object') return formatEstimate(cell);
  if (Number.isNaN(cell)) return 'n/a';
  return Number.isInteger(cell) ? String(cell) : formatNumber(cell);
}

/** Any table as a header and rows of text; a confusion matrix with the gold labels down its first column. */
export function tableText(table: ResultTable): { header: string[]; rows: string[][] } {
  if (table.kind === 'confusion') {
    return { header: ['gold \\ answer', ...table.columns], rows: table.rows.map((label, r) => [label, ...table.counts[r]!.map(formatCell)]) };
  }
  return { header: [...table.columns], rows: table.rows.map((row) => row.map(formatCell)) };
}
