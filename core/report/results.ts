import type { ConfusionMatrix } from '../contracts/metric.js';

/** An interval estimate of one metric. */
export interface Estimate {
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
}

export interface PairCounts {
  /** Records in the predictions file: answered + failed + skipped. */
  readonly samples: number;
  readonly valid: number;
  readonly failed: number;
  readonly skipped: number;
  /** Answered from the response cache, without a request. */
  readonly cached: number;
  /** Token usage summed over the answers whose server reported it. */
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Answers given a label by the extraction model (`tasks.<key>.extractWith`); absent when none were. */
  readonly readByJudge?: number;
}

/** A cell of a stored table: a reference to one of the metric's numbers is replaced by its estimate. */
export type TableCell = string | number | null | Estimate;

/** A metric's table as metrics.json stores it. */
export type ResultTable = ConfusionMatrix | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly TableCell[])[] };

/** metrics.json: `results[task][model][metric] = { value, lo, hi }`, plus counts, titles and tables. */
export interface MetricsFile {
  readonly runId: string;
  readonly generatedAt: string;
  readonly bootstrap: { readonly samples: number; readonly seed: number; readonly confidence: number };
  readonly tasks: Record<string, { readonly task: string; readonly version: string; readonly split: string; readonly metrics: readonly string[] }>;
  readonly models: readonly string[];
  /** Metrics where a lower value is better (error rates); all others are higher-is-better. */
  readonly lowerIsBetter: readonly string[];
  /** Each reported metric's short title (files written before titles existed have none: ids are shown). */
  readonly titles?: Readonly<Record<string, string>>;
  readonly results: Record<string, Record<string, Record<string, Estimate>>>;
  readonly counts: Record<string, Record<string, PairCounts>>;
  /** `tables[task][model][metric]`: the metrics' structured results (confusion matrices, per-class tables). */
  readonly tables?: Record<string, Record<string, Record<string, ResultTable>>>;
  /** Set by `bench merge --allow-partial`: why the results cover only part of the data. */
  readonly partial?: readonly string[];
}
