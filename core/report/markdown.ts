import type { Estimate, MetricsFile } from './results.js';

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
};

function title(metric: string): string {
  return METRIC_TITLES[metric] ?? metric;
}

const value = (x: number) => x.toFixed(3);

export function formatEstimate(estimate: Estimate | undefined): string {
  if (!estimate || typeof estimate.value !== 'number' || Number.isNaN(estimate.value)) return 'n/a';
  return typeof estimate.lo !== 'number' || Number.isNaN(estimate.lo) ? value(estimate.value) : `${value(estimate.value)} [${value(estimate.lo)}, ${value(estimate.hi)}]`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The task's metrics that produce a headline number (tables like per-class are left to metrics.json). */
function headlines(metrics: MetricsFile, task: string): string[] {
  const byModel = Object.values(metrics.results[task] ?? {});
  return (metrics.tasks[task]?.metrics ?? []).filter((m) => byModel.some((estimates) => estimates[m] !== undefined));
}

/** The best model's value of a metric on a task, by the metric's direction. */
function best(metrics: MetricsFile, task: string, metric: string): number | undefined {
  const values = Object.values(metrics.results[task] ?? {})
    .map((e) => e[metric]?.value)
    .filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
  if (values.length === 0) return undefined;
  return (metrics.lowerIsBetter ?? []).includes(metric) ? Math.min(...values) : Math.max(...values);
}

/** The paper's layout: a row per model, a column per task with its first headline metric; best marked `*`. */
function summary(metrics: MetricsFile): string {
  const columns = Object.keys(metrics.tasks)
    .map((task) => ({ task, metric: headlines(metrics, task)[0] }))
    .filter((c): c is { task: string; metric: string } => c.metric !== undefined);
  const rows = metrics.models.map((model) => [
    model,
    ...columns.map(({ task, metric }) => {
      const estimate = metrics.results[task]?.[model]?.[metric];
      if (!estimate || Number.isNaN(estimate.value)) return '-';
      return value(estimate.value) + (estimate.value === best(metrics, task, metric) ? '*' : '');
    }),
  ]);
  return table(['Model', ...columns.map(({ task, metric }) => `${task} (${title(metric)})`)], rows);
}

/**
 * The summary table in the paper's layout, then one table per task: a row per model, the task's
 * headline metrics with 95% bootstrap intervals, then the sample counts.
 */
export function renderMarkdown(metrics: MetricsFile): string {
  const sections = [`# MM-Soc results: run ${metrics.runId}`, '', summary(metrics), ''];
  for (const [taskKey, info] of Object.entries(metrics.tasks)) {
    const shown = headlines(metrics, taskKey);
    const rows = Object.entries(metrics.results[taskKey] ?? {}).map(([model, estimates]) => {
      const counts = metrics.counts[taskKey]?.[model];
      return [model, ...shown.map((m) => formatEstimate(estimates[m])), String(counts?.samples ?? 0), String(counts?.failed ?? 0), String(counts?.skipped ?? 0)];
    });
    sections.push(`## ${taskKey} (${info.task} v${info.version}, split ${info.split})`, '');
    sections.push(table(['Model', ...shown.map(title), 'N', 'Failed', 'Skipped'], rows), '');
  }
  const lower = (metrics.lowerIsBetter ?? []).map(title);
  sections.push(
    `Intervals: ${Math.round(metrics.bootstrap.confidence * 100)}% percentile bootstrap, ${metrics.bootstrap.samples} resamples, seed ${metrics.bootstrap.seed}. ` +
      'Invalid answers count as wrong; failed and skipped samples are counted, not scored. ' +
      `\`*\` marks the best model per task${lower.length ? ` (lower is better for ${lower.join(', ')})` : ''}.`,
    '',
  );
  return sections.join('\n');
}
