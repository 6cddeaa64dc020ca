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
}

/** metrics.json: `results[task][model][metric] = { value, lo, hi }`, plus counts. */
export interface MetricsFile {
  readonly runId: string;
  readonly generatedAt: string;
  readonly bootstrap: { readonly samples: number; readonly seed: number; readonly confidence: number };
  readonly tasks: Record<string, { readonly task: string; readonly version: string; readonly split: string; readonly metrics: readonly string[] }>;
  readonly models: readonly string[];
  /** Metrics where a lower value is better (error rates); all others are higher-is-better. */
  readonly lowerIsBetter: readonly string[];
  readonly results: Record<string, Record<string, Record<string, Estimate>>>;
  readonly counts: Record<string, Record<string, PairCounts>>;
  /** Set by `bench merge --allow-partial`: why the results cover only part of the data. */
  readonly partial?: readonly string[];
}
