import type { ChatMessage } from './messages.js';
import type { DatasetSource, DatasetSpec } from './dataset.js';
import type { LoadedItem, Sample } from './sample.js';

export interface ParseResult<Value = unknown> {
  /** The parsed answer in the task's label space; `null` when nothing could be read. */
  readonly value: Value | null;
  /** Whether the output followed the requested answer format. */
  readonly valid: boolean;
}

/**
 * The documented share of one label in a classification task's real data. When the gold labels of
 * the evaluated samples put that label on the other side of one half, the run warns that the label
 * direction may be flipped, naming the option that sets it.
 */
export interface LabelPrior {
  readonly label: string;
  /** Expected share of `label`, strictly between 0 and 1 and not one half. */
  readonly share: number;
  /** The task option that sets the label direction (`tasks.<key>.options.<option>`). */
  readonly option?: string;
}

export interface TaskPlugin<Gold = unknown, Options = Record<string, unknown>> {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  /** Default data: Hub id, local path, format and column names. Config can override each key. */
  readonly dataset: DatasetSpec;
  /** Splits the task reads: `eval` is the default evaluation split, `train` is what baselines fit on. */
  readonly splits: { readonly eval: string; readonly train?: string };
  /**
   * What an answer is: one label of `labels`, a set of tags, a transcription of the image's text, or
   * free text. Models that can only give one kind of answer (baselines) say so with `supports`.
   */
  readonly kind?: 'classification' | 'tagging' | 'transcription' | 'generation';
  /** Class labels of a classification task, in report order. */
  readonly labels?: readonly string[];
  /** Metric ids reported for this task. */
  readonly metrics: readonly string[];
  /** The documented class balance of the task's real data, checked at run time (see LabelPrior). */
  readonly prior?: LabelPrior;
  /** Validates and fills the task's options from the config (`tasks.<id>.options`). */
  options?(raw: Readonly<Record<string, unknown>>): Options;
  /** Yields samples lazily from a dataset split. Rows that cannot be used are yielded as skipped. */
  load(source: DatasetSource, split: string, options: Options): AsyncIterable<LoadedItem<Gold>>;
  /** Builds the chat messages for one sample. */
  prompt(sample: Sample<Gold>, options: Options): readonly ChatMessage[];
  /** Reads a model's raw output back into the label space. Must never throw. */
  parse(output: string, sample: Sample<Gold>, options: Options): ParseResult;
  /** For free-text tasks: what a judge model grades answers by (see `tasks.<key>.judge` in the config). */
  readonly rubric?: string;
  /** The answer text a perfect model would give for a gold value (baselines and fine-tuning data use it). */
  answer(gold: Gold, options: Options): string;
}
