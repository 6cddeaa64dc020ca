import { Observable, EMPTY, concat, defer, from, mergeMap } from 'rxjs';
import type { PredictionRecord } from '../contracts/metric.js';
import { isSkipped, type LoadedItem, type Sample } from '../contracts/sample.js';
import { readPredictions } from '../store/predictions-file.js';
import { runStage, type AnswerExtraction, type AnswerStage, type StageDependencies } from './answer-stage.js';
import { extractionMessages, readExtraction } from './extract-answer.js';
import { judgeMessages, parseScore, questionOf } from './judge.js';
import type { PairPlan, TaskPlan } from './plan.js';
import { inShard } from './shard.js';
import { sampledIds, taskItems } from './task-items.js';
import type { PairProgress } from './progress.js';
import { RowHealth } from './row-health.js';

export interface PairDependencies extends StageDependencies {
  readonly predictionsPath: string;
  /** Where the judge's grades go, and their progress line, when the task is judged. */
  readonly judge?: { readonly predictionsPath: string; readonly progress: PairProgress };
  /**
   * Told the ids of every selected sample of the shard (answered now or before) once the answering
   * pass has gone through the whole selection; not told when it stopped early.
   */
  readonly selection?: (ids: ReadonlySet<string>) => void;
}

/**
 * The task's selected items that belong to the shard, minus those already answered in an earlier
 * session. Selection comes before sharding, so the shards of a limited run cover the same samples as
 * the unsharded run.
 */
async function* pending(
  task: TaskPlan,
  done: ReadonlySet<string>,
  selected: ReadonlySet<string> | undefined,
  health?: RowHealth,
  walked?: (ids: ReadonlySet<string>) => void,
): AsyncGenerator<LoadedItem> {
  const ids = new Set<string>();
  for await (const item of taskItems(task, task.split, selected)) {
    if (!inShard(item.id, task.shard)) continue;
    if (walked) ids.add(item.id);
    health?.onRow(isSkipped(item) ? item.skipped : undefined);
    if (done.has(item.id)) continue;
    yield item;
  }
  if (health) health.complete = true;
  walked?.(ids);
}

async function* samplesOnly(items: AsyncIterable<LoadedItem>): AsyncGenerator<Sample> {
  for await (const item of items) if (!isSkipped(item)) yield item;
}

/** The answering pass: the evaluated model over the task's split. */
function answeringStage(
  pair: PairPlan,
  predictionsPath: string,
  selected: ReadonlySet<string> | undefined,
  health: RowHealth,
  walked: ((ids: ReadonlySet<string>) => void) | undefined,
): AnswerStage {
  const { task, model, instance } = pair;
  return {
    predictionsPath,
    instance,
    slots: model.slots,
    limits: model.config,
    imageBudget: model.config.image,
    task: task.task,
    items: (done) => pending(task, done, selected, health, walked),
    messages: (sample) => task.task.prompt(sample, task.options),
    parse: (output, sample) => task.task.parse(output, sample, task.options),
    ...(pair.extractor ? { extraction: extractionOf(pair, pair.extractor) } : {}),
  };
}

/** The extraction fallback of a pair: its model maps an unreadable answer to one of the task's labels. */
function extractionOf(pair: PairPlan, extractor: NonNullable<PairPlan['extractor']>): AnswerExtraction {
  const { task } = pair.task;
  const labels = task.labels ?? [];
  return {
    name: extractor.model.name,
    instance: extractor.instance,
    slots: extractor.model.slots,
    limits: extractor.model.config,
    messages: (sample, answer) => extractionMessages(questionOf(task.prompt(sample, pair.task.options)), answer, labels),
    read: (output) => readExtraction(output, labels),
  };
}

/** The judging pass: the judge model grades each answer of the answering pass (read from its file). */
function judgingStage(
  pair: PairPlan,
  judge: NonNullable<PairPlan['judge']>,
  answersPath: string,
  predictionsPath: string,
  selected: ReadonlySet<string> | undefined,
): AnswerStage {
  const { task } = pair;
  const answers = new Map<string, string>();
  return {
    predictionsPath,
    instance: judge.instance,
    slots: judge.model.slots,
    limits: judge.model.config,
    imageBudget: judge.model.config.image,
    task: task.task,
    async *items(done) {
      for (const record of readPredictions(answersPath).records.values()) {
        if (record.error === null && !record.skipped && record.output !== null) answers.set(record.id, record.output);
      }
      for await (const item of pending(task, done, selected)) {
        if (!isSkipped(item) && answers.has(item.id)) yield item;
      }
    },
    messages: (sample) => judgeMessages(task.task, sample, task.options, answers.get(sample.id)!),
    parse: (output) => parseScore(output),
  };
}

/**
 * Evaluates one model on one task: fits the model when it learns from the train split, answers every
 * sample not answered before, then, when the task is judged, has the judge grade every answer not
 * graded before. Records are written as they come (see answer-stage.ts). A dataset of which most
 * rows cannot be used ends the pair with a DataError once those records are written (row-health.ts).
 */
export function evaluatePair(pair: PairPlan, deps: PairDependencies): Observable<PredictionRecord> {
  const { task, model, instance } = pair;
  const { progress } = deps;
  const prepare = async (): Promise<ReadonlySet<string> | undefined> => {
    const available = await task.source.count?.(task.split);
    const wanted = task.limit ?? task.sample?.size;
    const total = wanted !== undefined && available !== undefined ? Math.min(wanted, available) : wanted ?? available;
    // A shard's share of the split is only known once it has been read.
    progress.total = task.shard && task.shard.count > 1 ? undefined : total;
    if (deps.judge) deps.judge.progress.total = progress.total;
    if (instance.fit) {
      if (!task.trainSplit) throw new Error(`${model.name} learns from a train split, but task ${task.key} has none (set tasks.${task.key}.trainSplit)`);
      await instance.fit(samplesOnly(task.task.load(task.source, task.trainSplit, task.options)), task.task);
    }
    return sampledIds(task, task.split);
  };
  const health = new RowHealth();
  return defer(() => from(prepare())).pipe(
    mergeMap((selected) =>
      concat(
        runStage(answeringStage(pair, deps.predictionsPath, selected, health, deps.selection), deps),
        // After the answers are written: a broken dataset stops the pair, but loses no answer.
        defer(() => (health.check({ taskKey: task.key, split: task.split, root: task.source.root }), EMPTY)),
        pair.judge && deps.judge
          ? runStage(judgingStage(pair, pair.judge, deps.predictionsPath, deps.judge.predictionsPath, selected), { ...deps, progress: deps.judge.progress })
          : EMPTY,
      ),
    ),
  );
}
