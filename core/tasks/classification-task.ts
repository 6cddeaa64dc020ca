import type { DatasetSource, DatasetSpec } from '../contracts/dataset.js';
import type { ChatMessage } from '../contracts/messages.js';
import type { LoadedItem, Row, Sample } from '../contracts/sample.js';
import type { TaskPlugin } from '../contracts/task.js';
import { ROW_ERROR } from '../data/row-error.js';
import { parseChoice, type ChoiceMap } from './parse-choice.js';
import { imageFromCell, rowId } from './row-fields.js';

/** The declarative description of an image classification task: what a task file writes. */
export interface ClassificationTaskSpec {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly dataset: DatasetSpec;
  readonly splits: TaskPlugin['splits'];
  /** The question sent with the image, verbatim from the benchmark. */
  readonly prompt: string;
  /** Label -> phrases that name it in an answer; the first phrase is the canonical answer. */
  readonly choices: ChoiceMap;
  /** Maps the dataset's raw label cell to a label, or undefined when the value is not a known one. */
  readonly gold: (raw: unknown) => string | undefined;
  readonly metrics?: readonly string[];
}

/** Columns every classification task reads; datasets that name them otherwise map them in the config. */
const FIELDS = { id: 'id', image: 'image', text: 'text', label: 'label' } as const;

function toItem(spec: ClassificationTaskSpec, row: Row, index: number, source: DatasetSource): LoadedItem<string> {
  const id = rowId(row, FIELDS.id, index);
  if (typeof row[ROW_ERROR] === 'string') return { id, skipped: row[ROW_ERROR] };
  const gold = spec.gold(row[FIELDS.label]);
  if (gold === undefined) {
    return { id, skipped: `label ${JSON.stringify(row[FIELDS.label]) ?? 'missing'} is not one of the known values` };
  }
  const image = imageFromCell(row[FIELDS.image], source, id);
  if (!image) return { id, skipped: `no image in column '${FIELDS.image}'` };
  const cell = row[FIELDS.text];
  const text = typeof cell === 'string' ? cell : undefined;
  return { id, gold, image, text };
}

export function defineClassificationTask(spec: ClassificationTaskSpec): TaskPlugin<string, Record<string, never>> {
  const labels = Object.keys(spec.choices);
  return {
    id: spec.id,
    version: spec.version,
    description: spec.description,
    dataset: spec.dataset,
    splits: spec.splits,
    labels,
    metrics: spec.metrics ?? ['accuracy', 'macro-f1', 'valid-rate'],
    async *load(source, split) {
      let index = 0;
      for await (const row of source.rows(split)) yield toItem(spec, row, index++, source);
    },
    prompt(sample: Sample<string>): ChatMessage[] {
      return [
        {
          role: 'user',
          content: [...(sample.image ? [{ type: 'image' as const, image: sample.image }] : []), { type: 'text' as const, text: spec.prompt }],
        },
      ];
    },
    parse: (output) => parseChoice(output, spec.choices),
    answer(gold) {
      const phrase = spec.choices[gold]?.[0];
      if (phrase === undefined) throw new Error(`${spec.id}: no answer phrase for label '${gold}'`);
      return phrase;
    },
  };
}
