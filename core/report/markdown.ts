import type { Estimate, MetricsFile } from './results.js';

const METRIC_TITLES: Record<string, string> = {
  accuracy: 'Accuracy',
  'macro-f1': 'Macro-F1',
  'weighted-f1': 'Weighted-F1',
  'valid-rate': 'Valid',
};

function title(metric: string): string {
  return METRIC_TITLES[metric] ?? metric;
}

export function formatEstimate(estimate: Estimate | undefined): string {
  if (!estimate || Number.isNaN(estimate.value)) return 'n/a';
  const v = (x: number) => x.toFixed(3);
  return Number.isNaN(estimate.lo) ? v(estimate.value) : `${v(estimate.value)} [${v(estimate.lo)}, ${v(estimate.hi)}]`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * One table per task: a row per model, the task's headline metrics with 95% bootstrap intervals,
 * then the sample counts. The best value of the first metric is marked with `*`.
 */
export function renderMarkdown(metrics: MetricsFile): string {
  const sections = [`# MM-Soc results: run ${metrics.runId}`, ''];
  for (const [taskKey, info] of Object.entries(metrics.tasks)) {
    const byModel = metrics.results[taskKey] ?? {};
    const first = info.metrics[0];
    const best = first ? Math.max(...Object.values(byModel).map((m) => m[first]?.value ?? -Infinity).filter((v) => !Number.isNaN(v))) : NaN;
    const rows = Object.entries(byModel).map(([model, estimates]) => {
      const counts = metrics.counts[taskKey]?.[model];
      const mark = first && estimates[first]?.value === best ? ' *' : '';
      return [
        model + mark,
        ...info.metrics.map((m) => formatEstimate(estimates[m])),
        String(counts?.samples ?? 0),
        String(counts?.failed ?? 0),
        String(counts?.skipped ?? 0),
      ];
    });
    sections.push(`## ${taskKey} (${info.task} v${info.version}, split ${info.split})`, '');
    sections.push(table(['Model', ...info.metrics.map(title), 'N', 'Failed', 'Skipped'], rows), '');
  }
  sections.push(
    `Intervals: ${Math.round(metrics.bootstrap.confidence * 100)}% percentile bootstrap, ${metrics.bootstrap.samples} resamples, seed ${metrics.bootstrap.seed}. ` +
      'Invalid answers count as wrong; failed and skipped samples are counted, not scored. `*` marks the best model per task.',
    '',
  );
  return sections.join('\n');
}
