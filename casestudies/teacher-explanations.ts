import type { PredictionRecord } from '../core/contracts/metric.js';
import type { Sample } from '../core/contracts/sample.js';
import type { PairPlan } from '../core/pipeline/plan.js';
import { requestHash } from '../core/pipeline/request-hash.js';
import { readPredictions } from '../core/store/predictions-file.js';
import { explanationMessages, explanationPrompt } from './explanations.js';

export interface Explanation {
  readonly text: string;
  /** The "Why ...?" question the teacher answered. */
  readonly prompt: string;
  /** The request hash of the teacher's answer (model identity, task, messages). */
  readonly hash: string;
}

/** A teacher's explanations of one task, read from its file: only those answering the current request. */
export class TeacherExplanations {
  readonly #records: ReadonlyMap<string, PredictionRecord>;

  constructor(
    private readonly teacher: PairPlan,
    private readonly prompts: Readonly<Record<string, string>>,
    path: string,
  ) {
    this.#records = readPredictions(path).records;
  }

  /** Undefined when the teacher failed, answered nothing, or answered another prompt. */
  of(sample: Sample): Explanation | undefined {
    const { task, instance } = this.teacher;
    const record = this.#records.get(sample.id);
    if (!record || record.error !== null || typeof record.prediction !== 'string') return undefined;
    const hash = requestHash(instance.identity, task.task, explanationMessages(task, this.prompts, sample));
    return record.hash === hash ? { text: record.prediction, prompt: explanationPrompt(this.prompts, sample), hash } : undefined;
  }
}
