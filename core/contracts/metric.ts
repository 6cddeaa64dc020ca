import type { TokenUsage } from './model.js';

/** One line of `predictions/<task>/<model>.jsonl`. */
export interface PredictionRecord {
  readonly id: string;
  /** Hash of the request (model identity, messages, params): a changed request is not a resumed one. */
  readonly hash: string;
  readonly output: string | null;
  readonly prediction: unknown;
  readonly gold: unknown;
  readonly valid: boolean;
  /** Set when the sample failed (after retries) or was skipped; such records carry no prediction. */
  readonly error: string | null;
  readonly skipped?: boolean;
  /** From the first attempt's start (its slot granted) to the answer or last failure, retries included; 0 when no request was made. */
  readonly latencyMs: number;
  readonly usage?: TokenUsage;
  readonly attempts?: number;
  /**
   * Who read `prediction` out of `output`: the task's rules, or the extraction model
   * (`tasks.<key>.extractWith`) for an answer the rules could not read.
   */
  readonly parsedBy?: 'rule' | 'judge';
  /** The extraction model's reply, when it read the answer. */
  readonly extraction?: string;
  /** Answered from the response cache shared across runs, without a request. */
  readonly cached?: boolean;
  /** The judge's 1-5 grade of this answer, attached by the core before metrics when the task is judged. */
  readonly judge?: number | null;
}

export interface MetricContext {
  /** Class labels of the task, when it is a classification task. */
  readonly labels?: readonly string[];
}

export interface MetricPlugin {
  readonly id: string;
  readonly description: string;
  /** Which direction of the headline number is better (default `higher`); reports mark the best model by it. */
  readonly better?: 'higher' | 'lower';
  /**
   * Named numbers over the answered records (failed and skipped ones are already removed).
   * The headline number is the one named like the metric; the core adds bootstrap intervals.
   */
  compute(records: readonly PredictionRecord[], context: MetricContext): Readonly<Record<string, number>>;
}
