import { existsSync } from 'node:fs';
import type { MetricPlugin, PredictionRecord } from '../contracts/metric.js';
import { pairedBootstrap } from '../metrics/bootstrap.js';
import { formatNumber } from './estimate.js';
import { headlineMetrics, lowerIsBetter, metricTitle } from './headlines.js';
import { readPairRecords, type PairFiles } from './pair-records.js';
import type { MetricsFile } from './results.js';
import { markdownTable } from './text-table.js';

export interface ComparedRun {
  readonly metrics: MetricsFile;
  readonly files: PairFiles;
}

/** One headline metric of one task x model: B - A over the samples both runs answered. */
export interface MetricDifference {
  readonly task: string;
  readonly model: string;
  readonly metric: string;
  /** The metric's short title, for tables. */
  readonly title: string;
  readonly lowerIsBetter: boolean;
  /** The metric of each run over the common samples only, so that `diff` is `b - a`. */
  readonly a: number;
  readonly b: number;
  readonly diff: number;
  readonly lo: number;
  readonly hi: number;
  readonly pValue: number;
  /** Samples answered (neither failed nor skipped) in both runs. */
  readonly n: number;
}

export interface RunComparison {
  readonly a: string;
  readonly b: string;
  readonly bootstrap: { readonly samples: number; readonly seed: number; readonly confidence: number };
  readonly differences: readonly MetricDifference[];
  /** `task x model` pairs in only one of the runs (or on different task plugins): not compared. */
  readonly unmatched: readonly string[];
}

export interface CompareOptions {
  readonly metric: (id: string) => MetricPlugin;
  /** Class labels of a task plugin (macro-F1 averages over them). */
  readonly labels: (taskPlugin: string) => readonly string[] | undefined;
  readonly bootstrap: { readonly samples: number; readonly seed: number };
}

const CONFIDENCE = 0.95;

/** Answered records of a pair sorted by id: the bootstrap draws by position, so order must not depend on the run. */
function answered(run: ComparedRun, task: string, model: string): PredictionRecord[] {
  const judge = run.files.judgePath(task, model);
  return readPairRecords(run.files.predictionsPath(task, model), existsSync(judge) ? judge : undefined)
    .filter((r) => r.error === null && !r.skipped)
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/**
 * Paired bootstrap differences (B - A) of every headline metric both runs report, for each task and
 * model present in both, over the samples both answered (joined by id).
 */
export function compareRuns(a: ComparedRun, b: ComparedRun, options: CompareOptions): RunComparison {
  const differences: MetricDifference[] = [];
  const unmatched: string[] = [];
  const pairsOf = (run: MetricsFile) => Object.entries(run.results).flatMap(([task, byModel]) => Object.keys(byModel).map((model) => ({ task, model })));
  for (const { task, model } of pairsOf(b.metrics)) {
    const infoA = a.metrics.tasks[task];
    const infoB = b.metrics.tasks[task]!;
    if (!a.metrics.results[task]?.[model] || infoA?.task !== infoB.task) {
      unmatched.push(`${task} x ${model}`);
      continue;
    }
    const recordsA = answered(a, task, model);
    const recordsB = answered(b, task, model);
    const inB = new Set(recordsB.map((r) => r.id));
    const commonA = recordsA.filter((r) => inB.has(r.id));
    const inA = new Set(commonA.map((r) => r.id));
    const commonB = recordsB.filter((r) => inA.has(r.id));
    const context = { labels: options.labels(infoB.task) };
    const shared = headlineMetrics(a.metrics, task);
    for (const metric of headlineMetrics(b.metrics, task).filter((m) => shared.includes(m))) {
      const plugin = options.metric(metric);
      const compute = (records: readonly PredictionRecord[]) => plugin.compute(records, context);
      const value = (records: readonly PredictionRecord[]) => (records.length ? compute(records)[metric] ?? Number.NaN : Number.NaN);
      const paired = pairedBootstrap(commonB, commonA, compute, metric, { ...options.bootstrap, confidence: CONFIDENCE });
      differences.push({ task, model, metric, title: metricTitle([b.metrics, a.metrics], metric), lowerIsBetter: lowerIsBetter(b.metrics, metric), a: value(commonA), b: value(commonB), ...paired });
    }
  }
  for (const { task, model } of pairsOf(a.metrics)) if (!b.metrics.results[task]?.[model]) unmatched.push(`${task} x ${model}`);
  return { a: a.metrics.runId, b: b.metrics.runId, bootstrap: { ...options.bootstrap, confidence: CONFIDENCE }, differences, unmatched };
}

const signed = (x: number) => (x > 0 ? '+' : '') + formatNumber(x);
const number = (x: number) => (Number.isNaN(x) ? 'n/a' : formatNumber(x));
const pValue = (p: number) => (Number.isNaN(p) ? 'n/a' : p < 0.001 ? '<0.001' : p.toFixed(3));

export function renderComparison(comparison: RunComparison): string {
  const rows = comparison.differences.map((d) => [
    d.task,
    d.model,
    `${d.title} ${d.lowerIsBetter ? '↓' : '↑'}`,
    number(d.a),
    number(d.b),
    Number.isNaN(d.diff) ? 'n/a' : `${signed(d.diff)} [${signed(d.lo)}, ${signed(d.hi)}]`,
    pValue(d.pValue),
    String(d.n),
  ]);
  const lines = [
    `# B - A: B = ${comparison.b}, A = ${comparison.a}`,
    '',
    markdownTable(['Task', 'Model', 'Metric', 'A', 'B', `B - A [${Math.round(comparison.bootstrap.confidence * 100)}% CI]`, 'p', 'n'], rows),
    '',
    `Paired bootstrap over the samples both runs answered (${comparison.bootstrap.samples} resamples, seed ${comparison.bootstrap.seed}); ` +
      'A and B are the metric over those samples. p: two-sided, for no difference. ↓: lower is better.',
  ];
  if (comparison.unmatched.length) lines.push(`Not in both runs: ${comparison.unmatched.join(', ')}.`);
  return lines.join('\n') + '\n';
}
