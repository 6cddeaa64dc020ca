import { bestMarks, headlineMetrics, lowerIsBetter } from './headlines.js';
import type { Estimate, MetricsFile, PairCounts } from './results.js';

/*
 * The tables of a report, independent of the output format. Several runs sit side by side as rows
 * (one per run x model) under the same task columns: tasks are what a reader scans across, and rows
 * keep the table as wide as with one run.
 */

export interface PaperColumn {
  readonly task: string;
  /** The task's first headline metric: the number the paper's tables show for it. */
  readonly metric: string;
  readonly lowerIsBetter: boolean;
}

export interface PaperCell {
  readonly estimate: Estimate | undefined;
  /** Best of its column by the metric's direction (only marked when at least two rows compete). */
  readonly best: boolean;
}

export interface PaperRow {
  readonly run: string;
  readonly model: string;
  readonly cells: readonly PaperCell[];
}

/** The paper's layout: a row per (run x) model, a column per task with its headline metric. */
export interface PaperTable {
  readonly columns: readonly PaperColumn[];
  readonly rows: readonly PaperRow[];
}

/** One task's headline metrics for every (run x) model that has results on it, with sample counts. */
export interface TaskTable {
  readonly task: string;
  readonly info: MetricsFile['tasks'][string];
  readonly metrics: readonly string[];
  readonly rows: ReadonlyArray<{ readonly run: string; readonly model: string; readonly estimates: readonly (Estimate | undefined)[]; readonly counts: PairCounts | undefined }>;
}

function taskKeys(runs: readonly MetricsFile[]): string[] {
  return [...new Set(runs.flatMap((run) => Object.keys(run.tasks)))];
}

/** Marks the best cell of each column over all rows. */
function markBest(columns: readonly PaperColumn[], rows: ReadonlyArray<{ run: string; model: string; estimates: readonly (Estimate | undefined)[] }>): PaperRow[] {
  const marks = columns.map((column, c) => bestMarks(rows.map((row) => row.estimates[c]?.value), column.lowerIsBetter));
  return rows.map((row, r) => ({ run: row.run, model: row.model, cells: row.estimates.map((estimate, c) => ({ estimate, best: marks[c]![r]! })) }));
}

export function paperTable(runs: readonly MetricsFile[]): PaperTable {
  const columns: PaperColumn[] = [];
  for (const task of taskKeys(runs)) {
    for (const run of runs) {
      const [metric] = headlineMetrics(run, task);
      if (metric === undefined) continue;
      columns.push({ task, metric, lowerIsBetter: lowerIsBetter(run, metric) });
      break;
    }
  }
  const rows = runs.flatMap((run) =>
    run.models.map((model) => ({ run: run.runId, model, estimates: columns.map(({ task, metric }) => run.results[task]?.[model]?.[metric]) })),
  );
  return { columns, rows: markBest(columns, rows) };
}

export function taskTables(runs: readonly MetricsFile[]): TaskTable[] {
  return taskKeys(runs).map((task) => {
    const info = runs.find((run) => run.tasks[task])!.tasks[task]!;
    const metrics = [...new Set(runs.flatMap((run) => headlineMetrics(run, task)))];
    const rows = runs.flatMap((run) =>
      Object.entries(run.results[task] ?? {}).map(([model, estimates]) => ({
        run: run.runId,
        model,
        estimates: metrics.map((m) => estimates[m]),
        counts: run.counts[task]?.[model],
      })),
    );
    return { task, info, metrics, rows };
  });
}
