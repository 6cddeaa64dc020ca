import type { MetricsFile } from './results.js';

/**
 * The short title a metric declared, from the first run that records it; its id for files written
 * before titles were recorded.
 */
export function metricTitle(runs: readonly MetricsFile[], metric: string): string {
  for (const run of runs) {
    const title = run.titles?.[metric];
    if (title !== undefined) return title;
  }
  return metric;
}

export function lowerIsBetter(metrics: MetricsFile, metric: string): boolean {
  return (metrics.lowerIsBetter ?? []).includes(metric);
}

/**
 * The task's metrics that produce a headline number (one named like the metric), in the task's order.
 * Metrics whose result is a table (per-class, confusion) are drawn from `tables` instead.
 */
export function headlineMetrics(metrics: MetricsFile, task: string): string[] {
  const byModel = Object.values(metrics.results[task] ?? {});
  return (metrics.tasks[task]?.metrics ?? []).filter((m) => byModel.some((estimates) => estimates[m] !== undefined));
}

/**
 * Which of `values` are the best by the metric's direction. Nothing is marked when fewer than two
 * values compete: a lone model is not "best" of anything.
 */
export function bestMarks(values: readonly (number | undefined)[], lower: boolean): boolean[] {
  const numbers = values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
  if (numbers.length < 2) return values.map(() => false);
  const best = lower ? Math.min(...numbers) : Math.max(...numbers);
  return values.map((v) => v === best);
}
