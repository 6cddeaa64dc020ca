import { Observable, defer, finalize, tap } from 'rxjs';
import type { Logger } from '../contracts/context.js';
import type { ChatMessage, ResolvedChatMessage } from '../contracts/messages.js';
import type { PredictionRecord } from '../contracts/metric.js';
import type { GenerateResult, ModelInstance } from '../contracts/model.js';
import { isSkipped, type LoadedItem, type Sample } from '../contracts/sample.js';
import type { ParseResult, TaskPlugin } from '../contracts/task.js';

import { EndpointsDown } from '../scheduler/endpoint-pool.js';
import { AttemptsExhausted, Interrupted } from '../scheduler/request-runner.js';
import { ResponseCache } from '../cache/response-cache.js';
import type { ImageBudget } from '../images/image-budget.js';
import type { ImagePreparer } from '../images/image-preparer.js';
import type { ModelSlots, Scheduler } from '../scheduler/scheduler.js';
import { PredictionsWriter, readPredictions } from '../store/predictions-file.js';
import type { Redactor } from '../util/redact.js';
import type { PairProgress } from './progress.js';
import { pullThrough } from './pull-through.js';
import { requestHash } from './request-hash.js';
import { resolveMessages, UnusableImage } from './resolve-messages.js';

/**
 * One pass of a model over samples, written to one predictions file: the evaluated model answering a
 * task, or a judge grading those answers. Everything but these parts is the same for both.
 */
export interface AnswerStage {
  readonly predictionsPath: string;
  readonly instance: ModelInstance;
  readonly slots: ModelSlots;
  readonly limits: { readonly retries: number; readonly timeoutMs: number };
  readonly imageBudget: ImageBudget;
  /** The task the requests belong to (model adapters may read it). */
  readonly task: TaskPlugin;
  /** The items to answer, given the ids already answered in this file (to be left out). */
  items(done: ReadonlySet<string>): AsyncIterable<LoadedItem>;
  messages(sample: Sample): readonly ChatMessage[];
  parse(output: string, sample: Sample): ParseResult;
  /** When set, a model reads the answers `parse` gives no value for (`tasks.<key>.extractWith`). */
  readonly extraction?: AnswerExtraction;
}

/** The extraction fallback: which model reads unreadable answers, what it is asked, how its reply is read. */
export interface AnswerExtraction {
  readonly name: string;
  readonly instance: ModelInstance;
  readonly slots: ModelSlots;
  readonly limits: { readonly retries: number; readonly timeoutMs: number };
  messages(sample: Sample, answer: string): readonly ResolvedChatMessage[];
  read(output: string): string | null;
}

export interface StageDependencies {
  readonly scheduler: Scheduler;
  readonly images: ImagePreparer;
  /** Absent with --no-cache. */
  readonly cache?: ResponseCache;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly stop: AbortSignal;
  readonly progress: PairProgress;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A parser's result, or an invalid answer when the parser throws or returns something else. */
function safeParse(parse: () => ParseResult): ParseResult {
  try {
    const result = parse();
    return result && typeof result === 'object' && typeof result.valid === 'boolean' ? result : { value: null, valid: false };
  } catch {
    return { value: null, valid: false };
  }
}

/**
 * Reads which samples the file already answers (a torn last line is cut off, a failed sample is
 * retried), then answers the rest: slot first, then the request is built, sent with the scheduler's
 * retries, parsed, and appended as one line as soon as it is known.
 */
export function runStage(stage: AnswerStage, deps: StageDependencies): Observable<PredictionRecord> {
  const { instance } = stage;
  const { scheduler, stop, progress, redactor } = deps;
  const images = instance.needsImages ? { preparer: deps.images, budget: stage.imageBudget } : undefined;
  const cache = instance.deterministic ? deps.cache : undefined;

  const failure = (item: Sample, hash: string, error: string, attempts: number, latencyMs: number): PredictionRecord => ({
    id: item.id,
    hash,
    output: null,
    prediction: null,
    gold: item.gold,
    valid: false,
    error: redactor.redact(error),
    latencyMs,
    attempts,
  });

  const answered = (item: Sample, hash: string, result: GenerateResult, how: { latencyMs: number; attempts: number; cached: boolean }): PredictionRecord => {
    const parsed = safeParse(() => stage.parse(result.text, item));
    return {
      id: item.id,
      hash,
      // A server may echo what it was sent, keys included: answers are masked like everything else.
      output: redactor.redact(result.text),
      prediction: parsed.value,
      gold: item.gold,
      valid: parsed.valid,
      parsedBy: 'rule',
      error: null,
      latencyMs: how.latencyMs,
      ...(result.usage ? { usage: result.usage } : {}),
      attempts: how.attempts,
      ...(how.cached ? { cached: true } : {}),
    };
  };

  // Whether the pair ended complete: every item read, none left unanswered by Ctrl-C.
  let itemsExhausted = false;
  let leftForNextRun = 0;
  async function* allItems(done: ReadonlySet<string>): AsyncIterable<LoadedItem> {
    yield* stage.items(done);
    itemsExhausted = true;
  }

  /**
   * An answer the rules gave no value for, read by the extraction model: its label (or none) becomes
   * the prediction, still invalid (the answer did not follow the format). When the extractor fails
   * the sample fails, so that a resumed run reads it again.
   */
  const extracted = async (record: PredictionRecord, item: Sample, answer: string): Promise<PredictionRecord | undefined> => {
    const extraction = stage.extraction;
    if (!extraction || record.prediction !== null || answer.trim() === '') return record;
    const messages = extraction.messages(item, answer);
    try {
      const { value: result } = await scheduler.attempt(
        extraction.slots.pool,
        (endpoint, signal) => extraction.instance.generate({ messages, sample: item, task: stage.task, endpoint }, { signal }),
        extraction.limits,
        stop,
      );
      const text = typeof result?.text === 'string' ? result.text : '';
      return { ...record, prediction: extraction.read(text), parsedBy: 'judge', extraction: redactor.redact(text) };
    } catch (error) {
      if (error instanceof Interrupted) {
        leftForNextRun++;
        return undefined;
      }
      const cause = error instanceof AttemptsExhausted ? error.last : error;
      return { ...record, prediction: null, error: redactor.redact(`answer extraction by ${extraction.name} failed: ${errorMessage(cause)}`) };
    }
  };

  const answer = async (item: LoadedItem): Promise<PredictionRecord | undefined> => {
    if (isSkipped(item)) {
      return { id: item.id, hash: '', output: null, prediction: null, gold: null, valid: false, error: item.skipped, skipped: true, latencyMs: 0 };
    }
    let messages;
    try {
      messages = stage.messages(item);
    } catch (error) {
      return failure(item, '', `prompt failed: ${errorMessage(error)}`, 0, 0);
    }
    const hash = requestHash(instance.identity, stage.task, messages);
    let resolved;
    try {
      resolved = await resolveMessages(messages, images);
    } catch (error) {
      if (!(error instanceof UnusableImage)) throw error;
      return { id: item.id, hash, output: null, prediction: null, gold: item.gold, valid: false, error: error.message, skipped: true, latencyMs: 0 };
    }
    const cacheKey = cache && ResponseCache.key(resolved);
    const cached = cacheKey ? cache!.get(instance.identity, cacheKey) : undefined;
    if (cached) return extracted(answered(item, hash, cached, { latencyMs: 0, attempts: 0, cached: true }), item, cached.text);
    const started = performance.now();
    try {
      const { value: result, attempts, latencyMs } = await scheduler.attempt(
        stage.slots.pool,
        (endpoint, signal) => instance.generate({ messages: resolved, sample: item, task: stage.task, endpoint }, { signal }),
        stage.limits,
        stop,
      );
      if (typeof result?.text !== 'string') {
        return failure(item, hash, `model plugin error: generate returned ${JSON.stringify(result?.text)} as its text, not a string`, attempts, 0);
      }
      const value = { ...result, text: result.text };
      if (cacheKey) cache!.put(instance.identity, cacheKey, { ...value, text: redactor.redact(value.text) });
      return extracted(answered(item, hash, value, { latencyMs: Math.round(latencyMs), attempts, cached: false }), item, value.text);
    } catch (error) {
      if (error instanceof Interrupted) {
        leftForNextRun++;
        return undefined;
      }
      // The model's endpoints are gone: the sample is left for a rerun and the pair stops with the cause.
      if (error instanceof EndpointsDown) throw error;
      if (error instanceof AttemptsExhausted) return failure(item, hash, errorMessage(error.last), error.attempts, Math.round(error.latencyMs));
      return failure(item, hash, `model plugin error: ${errorMessage(error)}`, 1, Math.round(performance.now() - started));
    }
  };

  return defer(() => {
    const existing = readPredictions(stage.predictionsPath);
    if (existing.badLines.length) {
      deps.logger.warn(`${stage.predictionsPath}: ${existing.badLines.length} unreadable line(s) (first: line ${existing.badLines[0]}); their samples are redone`);
    }
    const done = new Set([...existing.records.values()].filter((r) => r.error === null).map((r) => r.id));
    progress.done = done.size;
    // Skipped samples are examined again (their data may have been fixed) but a skip for the same
    // reason as the file already records is not written again: permanently bad rows must not add a
    // line per row to the file on every resume.
    const alreadyRecorded = (record: PredictionRecord) => {
      const before = existing.records.get(record.id);
      return record.skipped === true && before?.skipped === true && before.error === record.error;
    };
    const writer = new PredictionsWriter(stage.predictionsPath, existing.goodLength);
    return pullThrough(allItems(done), stage.slots.admission, stop, answer).pipe(
      tap((record) => {
        if (!alreadyRecorded(record)) writer.append(record);
        progress.done++;
        if (record.skipped) progress.skipped++;
        else if (record.error !== null) progress.failed++;
        else progress.answered++;
      }),
      finalize(() => {
        writer.close();
        progress.interrupted = stop.aborted && (!itemsExhausted || leftForNextRun > 0);
        progress.finished = true;
      }),
    );
  });
}
