import type { z } from 'zod';
import type { DatasetSpec } from '../contracts/dataset.js';
import type { Row, Sample } from '../contracts/sample.js';
import type { LabelPrior, TaskPlugin } from '../contracts/task.js';
import { defineImageTask, type SkipRow } from './image-task.js';
import { parseChoice, type ChoiceMap, type ChoiceReading } from './parse-choice.js';
import { withPost } from './post-text.js';
import { firstText } from './row-fields.js';

/** The declarative description of an image classification task: what a task file writes. */
export interface ClassificationTaskSpec<Options extends Record<string, unknown> = Record<string, never>> {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly dataset: DatasetSpec;
  readonly splits: TaskPlugin['splits'];
  /** The question sent with the image, verbatim from the benchmark. */
  readonly prompt: string;
  /**
   * Label -> phrases that name it in an answer, synonyms included; the first phrase is the canonical
   * answer. `Yes` / `No` among them say which label a yes / no answer gives.
   */
  readonly choices: ChoiceMap;
  /** The label a "Yes" / "No" answer gives, for prompts that ask for label words ("Is this meme humorous?"). */
  readonly yes?: string;
  readonly no?: string;
  /** Label -> the label a negated mention of it means (default: `yes` and `no` negate each other). */
  readonly negated?: ChoiceReading['negated'];
  /** Column holding the raw label (default `label`). */
  readonly labelColumn?: string;
  /** Maps the raw label cell to a label, or undefined when the value is not a known one. */
  readonly gold: (raw: unknown, options: Options) => string | undefined;
  /** Columns holding the post text, first non-empty wins (default `text`). */
  readonly textColumns?: readonly string[];
  /** When set, the post text (cut to `maxWords(options)` words) goes before the question. */
  readonly postInPrompt?: { readonly maxWords: (options: Options) => number };
  readonly options?: z.ZodType<Options, any>;
  readonly idColumn?: string;
  readonly metrics?: readonly string[];
  /** The documented share of a label in the real data: a run warns when the evaluated gold contradicts it. */
  readonly prior?: LabelPrior;
}

/** The answer without the first of `asked` it repeats (the longest first: post and question, then the question). */
function withoutEcho(output: string, asked: readonly string[]): string {
  const echoed = asked.find((text) => text !== '' && output.includes(text));
  return echoed === undefined ? output : output.replace(echoed, ' ');
}

export const CLASSIFICATION_METRICS = ['accuracy', 'macro-f1', 'weighted-f1', 'valid-rate', 'per-class', 'confusion'] as const;

export function defineClassificationTask<Options extends Record<string, unknown> = Record<string, never>>(
  spec: ClassificationTaskSpec<Options>,
): TaskPlugin<string, Options> {
  const labelColumn = spec.labelColumn ?? 'label';
  const textColumns = spec.textColumns ?? ['text'];
  const reading: ChoiceReading = { yes: spec.yes, no: spec.no, negated: spec.negated };
  const question = (sample: Sample<string>, options: Options): string =>
    spec.postInPrompt ? withPost(sample.text, spec.prompt, spec.postInPrompt.maxWords(options)) : spec.prompt;
  const task = defineImageTask<string, Options>({
    id: spec.id,
    version: spec.version,
    description: spec.description,
    dataset: spec.dataset,
    splits: spec.splits,
    labels: Object.keys(spec.choices),
    kind: 'classification',
    metrics: spec.metrics ?? CLASSIFICATION_METRICS,
    idColumn: spec.idColumn,
    options: spec.options,
    gold(row: Row, options: Options): string | SkipRow {
      const label = spec.gold(row[labelColumn], options);
      return label ?? { skip: `${labelColumn} ${JSON.stringify(row[labelColumn]) ?? 'missing'} is not one of the known values` };
    },
    text: (row) => firstText(row, textColumns),
    question,
    // An answer that starts by repeating the post and question is read without them: the post may
    // name a label ("... the claim is false.").
    parse: (output, sample, options) => parseChoice(withoutEcho(output, [question(sample, options), spec.prompt]), spec.choices, reading),
    answer(gold) {
      const phrase = spec.choices[gold]?.[0];
      if (phrase === undefined) throw new Error(`${spec.id}: no answer phrase for label '${gold}'`);
      return phrase;
    },
  });
  if (!spec.prior) return task;
  if (!task.labels?.includes(spec.prior.label)) throw new Error(`${spec.id}: prior label '${spec.prior.label}' is not one of ${task.labels?.join(', ')}`);
  return { ...task, prior: spec.prior };
}
