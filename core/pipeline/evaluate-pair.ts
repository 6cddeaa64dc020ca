import { Observable, defer, finalize, from, mergeMap, tap } from 'rxjs';
import type { Logger } from '../contracts/context.js';
import type { PredictionRecord } from '../contracts/metric.js';
import { isSkipped, type LoadedItem, type Sample } from '../contracts/sample.js';
import type { ParseResult } from '../contracts/task.js';
import type { Lease } from '../scheduler/endpoint-pool.js';
import { AttemptsExhausted, Interrupted } from '../scheduler/request-runner.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import { PredictionsWriter, readPredictions } from '../store/predictions-file.js';
import type { Redactor } from '../util/redact.js';
import type { PairPlan } from './plan.js';
import type { PairProgress } from './progress.js';
import { pullThrough } from './pull-through.js';
import { requestHash } from './request-hash.js';
import { resolveMessages, UnusableImage } from './resolve-messages.js';

export interface PairDependencies {
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly stop: AbortSignal;
  readonly progress: PairProgress;
  readonly predictionsPath: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first `limit` items of the split, minus those already answered in an earlier session. */
async function* pending(
  items: AsyncIterable<LoadedItem>,
  limit: number | undefined,
  done: ReadonlySet<string>,
): AsyncGenerator<LoadedItem> {
  let seen = 0;
  for await (const item of items) {
    if (limit !== undefined && seen >= limit) return;
    seen++;
    if (done.has(item.id)) continue;
    yield item;
  }
}

async function* samplesOnly(items: AsyncIterable<LoadedItem>): AsyncGenerator<Sample> {
  for await (const item of items) if (!isSkipped(item)) yield item;
}

function safeParse(parse: () => ParseResult): ParseResult {
  try {
    return parse();
  } catch {
    return { value: null, valid: false };
  }
}

/**
 * Evaluates one model on one task: fits the model when it learns from the train split, skips samples
 * already answered, asks the model for each remaining sample (slot first, then the request is built),
 * parses the answer and appends one record per sample to the predictions file as soon as it is known.
 */
export function evaluatePair(pair: PairPlan, deps: PairDependencies): Observable<PredictionRecord> {
  const { task, model, instance } = pair;
  const { scheduler, stop, progress } = deps;

  const failure = (item: Sample, hash: string, error: string, attempts: number, latencyMs: number): PredictionRecord => ({
    id: item.id,
    hash,
    output: null,
    prediction: null,
    gold: item.gold,
    valid: false,
    error: deps.redactor.redact(error),
    latencyMs,
    attempts,
  });

  const answer = async (item: LoadedItem, lease: Lease): Promise<PredictionRecord | undefined> => {
    if (isSkipped(item)) {
      return { id: item.id, hash: '', output: null, prediction: null, gold: null, valid: false, error: item.skipped, skipped: true, latencyMs: 0 };
    }
    let messages;
    try {
      messages = task.task.prompt(item, task.options);
    } catch (error) {
      return failure(item, '', `prompt failed: ${message(error)}`, 0, 0);
    }
    const hash = requestHash(instance.identity, task.task, messages);
    let resolved;
    try {
      resolved = await resolveMessages(messages, instance.needsImages);
    } catch (error) {
      if (!(error instanceof UnusableImage)) throw error;
      return { id: item.id, hash, output: null, prediction: null, gold: item.gold, valid: false, error: error.message, skipped: true, latencyMs: 0 };
    }
    const started = performance.now();
    try {
      const { value, attempts } = await scheduler.attempt(
        (signal) => instance.generate({ messages: resolved, sample: item, task: task.task, endpoint: lease.endpoint }, { signal }),
        model.config,
        stop,
      );
      const parsed = safeParse(() => task.task.parse(value.text, item, task.options));
      return {
        id: item.id,
        hash,
        output: value.text,
        prediction: parsed.value,
        gold: item.gold,
        valid: parsed.valid,
        error: null,
        latencyMs: Math.round(performance.now() - started),
        ...(value.usage ? { usage: value.usage } : {}),
        attempts,
      };
    } catch (error) {
      if (error instanceof Interrupted) return undefined;
      const latency = Math.round(performance.now() - started);
      if (error instanceof AttemptsExhausted) return failure(item, hash, message(error.last), error.attempts, latency);
      return failure(item, hash, `model plugin error: ${message(error)}`, 1, latency);
    }
  };

  return defer(() => {
    const existing = readPredictions(deps.predictionsPath);
    if (existing.badLines.length) {
      deps.logger.warn(`${deps.predictionsPath}: ${existing.badLines.length} unreadable line(s) (first: line ${existing.badLines[0]}); their samples are redone`);
    }
    const done = new Set([...existing.records.values()].filter((r) => r.error === null).map((r) => r.id));
    progress.done = done.size;
    const writer = new PredictionsWriter(deps.predictionsPath, existing.goodLength);
    const prepare = async () => {
      progress.total = task.limit ?? (await task.source.count?.(task.split));
      if (progress.total !== undefined && task.limit !== undefined) {
        const available = await task.source.count?.(task.split);
        if (available !== undefined) progress.total = Math.min(task.limit, available);
      }
      if (instance.fit) {
        if (!task.trainSplit) throw new Error(`${model.name} learns from a train split, but task ${task.key} has none (set tasks.${task.key}.trainSplit)`);
        await instance.fit(samplesOnly(task.task.load(task.source, task.trainSplit, task.options)), task.task);
      }
    };
    return from(prepare()).pipe(
      mergeMap(() =>
        pullThrough(pending(task.task.load(task.source, task.split, task.options), task.limit, done), model.pool, stop, answer),
      ),
      tap((record) => {
        writer.append(record);
        progress.done++;
        if (record.skipped) progress.skipped++;
        else if (record.error !== null) progress.failed++;
        else progress.answered++;
      }),
      finalize(() => {
        writer.close();
        progress.finished = true;
      }),
    );
  });
}
