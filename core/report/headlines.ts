import type { MetricsFile } from './results.js';

const METRIC_TITLES: Record<string, string> = {
  accuracy: 'Accuracy',
  'macro-f1': 'Macro-F1',
  'weighted-f1': 'Weighted-F1',
  'valid-rate': 'Valid',
  cer: 'CER',
  wer: 'WER',
  'exact-match': 'Exact',
  'tag-f1': 'Tag-F1',
  'rouge-l': 'ROUGE-L',
  bleu: 'BLEU',
  'judge-score': 'Judge',
};

/** The short column title of a metric (its id when it has none). */
export function metricTitle(metric: string): string {
  return METRIC_TITLES[metric] ?? metric;
}

export function lowerIsBetter(metrics: MetricsFile, metric: string): boolean {
  return (metrics.lowerIsBetter ?? []).includes(metric);
}

/**
 * The task's metrics that produce a headline number (one named like the metric), in the task's order.
 * Metrics that only produce tables (per-class, confusion) are left to metrics.json and the HTML report.
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
