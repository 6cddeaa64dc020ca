import { z } from 'zod';
import type { DatasetSource, DatasetSpec } from '../contracts/dataset.js';
import type { ChatMessage } from '../contracts/messages.js';
import type { LoadedItem, Row, Sample } from '../contracts/sample.js';
import type { ParseResult, TaskPlugin } from '../contracts/task.js';
import { ROW_ERROR } from '../data/row-error.js';
import { imageFromCell, rowId } from './row-fields.js';

/** Returned by `gold` for a row that cannot be scored: the sample is recorded as skipped with the reason. */
export interface SkipRow {
  readonly skip: string;
}

/**
 * The declarative description of a task on images (and optionally their post text). A task file
 * states its data, how to read gold and text from a row, its question, its parser and its answer
 * format; loading, skipping bad rows, ids and message building are shared here.
 */
export interface ImageTaskSpec<Gold, Options extends Record<string, unknown>> {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly dataset: DatasetSpec;
  readonly splits: TaskPlugin['splits'];
  readonly metrics: readonly string[];
  readonly labels?: readonly string[];
  readonly kind?: TaskPlugin['kind'];
  /** What a judge grades free-text answers by. */
  readonly rubric?: string;
  /** Columns of ids and images (default `id`, `image`). */
  readonly idColumn?: string;
  readonly imageColumn?: string;
  /** The task's options (`tasks.<key>.options` in the config), with their defaults. */
  readonly options?: z.ZodType<Options, any>;
  gold(row: Row, options: Options): Gold | SkipRow;
  /** Post text kept on the sample (baselines read it; `question` may put it in the prompt). */
  text?(row: Row, options: Options): string | undefined;
  /** Anything else of the row a question or parser needs. */
  fields?(row: Row, options: Options): Readonly<Record<string, unknown>>;
  /** The user text sent after the image. */
  question(sample: Sample<Gold>, options: Options): string;
  parse(output: string, sample: Sample<Gold>, options: Options): ParseResult;
  answer(gold: Gold, options: Options): string;
}

function isSkip(value: unknown): value is SkipRow {
  return !!value && typeof value === 'object' && typeof (value as SkipRow).skip === 'string';
}

export function defineImageTask<Gold, Options extends Record<string, unknown> = Record<string, never>>(
  spec: ImageTaskSpec<Gold, Options>,
): TaskPlugin<Gold, Options> {
  const idColumn = spec.idColumn ?? 'id';
  const imageColumn = spec.imageColumn ?? 'image';

  const toItem = (row: Row, index: number, source: DatasetSource, options: Options): LoadedItem<Gold> => {
    const id = rowId(row, idColumn, imageColumn, index);
    if (typeof row[ROW_ERROR] === 'string') return { id, skipped: row[ROW_ERROR] };
    const gold = spec.gold(row, options);
    if (isSkip(gold)) return { id, skipped: gold.skip };
    const image = imageFromCell(row[imageColumn], source, id);
    if (!image) return { id, skipped: `no image in column '${imageColumn}'` };
    return { id, gold, image, text: spec.text?.(row, options), fields: spec.fields?.(row, options) };
  };

  const task: TaskPlugin<Gold, Options> = {
    id: spec.id,
    version: spec.version,
    description: spec.description,
    dataset: spec.dataset,
    splits: spec.splits,
    labels: spec.labels,
    ...(spec.kind ? { kind: spec.kind } : {}),
    metrics: spec.metrics,
    ...(spec.rubric !== undefined ? { rubric: spec.rubric } : {}),
    async *load(source, split, options) {
      let index = 0;
      for await (const row of source.rows(split)) yield toItem(row, index++, source, options);
    },
    prompt(sample: Sample<Gold>, options: Options): ChatMessage[] {
      const image = sample.image ? [{ type: 'image' as const, image: sample.image }] : [];
      return [{ role: 'user', content: [...image, { type: 'text' as const, text: spec.question(sample, options) }] }];
    },
    parse: (output, sample, options) => spec.parse(output, sample, options),
    answer: (gold, options) => spec.answer(gold, options),
  };
  if (spec.options) {
    const schema = spec.options;
    return { ...task, options: (raw) => schema.parse(raw) };
  }
  return task;
}
