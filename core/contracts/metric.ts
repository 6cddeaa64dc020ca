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

/**
 * Gold x answered counts: `counts[r][c]` answers whose gold is `rows[r]` and whose answer read as
 * `columns[c]`. Reports draw it as a heat map (shaded by share of the row) and a count table.
 */
export interface ConfusionMatrix {
  readonly kind: 'confusion';
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly counts: readonly (readonly number[])[];
}

/**
 * A cell of a metric's table: text, a number (an integer prints as a count, others with three
 * decimals), `null` for none, or one of the metric's own numbers by name, which the report shows with
 * its bootstrap interval.
 */
export type MetricTableCell = string | number | null | { readonly number: string };

/** A table with a header row; the first column names the rows (e.g. the class). */
export interface ValueTable {
  readonly kind: 'table';
  readonly columns: readonly string[];
  readonly rows: readonly (readonly MetricTableCell[])[];
}

/** A structured result: computed once over all answered records, stored as it is, drawn by every report. */
export type MetricTable = ConfusionMatrix | ValueTable;

export interface MetricPlugin {
  readonly id: string;
  readonly description: string;
  /** Short name in report columns, chart titles and table headings (default: the id), e.g. `Macro-F1`. */
  readonly title?: string;
  /** Which direction of the headline number is better (default `higher`); reports mark the best model by it. */
  readonly better?: 'higher' | 'lower';
  /**
   * Named numbers over the answered records (failed and skipped ones are already removed).
   * The headline number is the one named like the metric; the core adds bootstrap intervals.
   * A metric whose result is only its table returns no numbers.
   */
  compute(records: readonly PredictionRecord[], context: MetricContext): Readonly<Record<string, number>>;
  /**
   * A table of the result (a confusion matrix, per-class scores), over the same records as `compute`
   * but called once, not per bootstrap resample. Stored in metrics.json under `tables`.
   */
  table?(records: readonly PredictionRecord[], context: MetricContext): MetricTable;
}
