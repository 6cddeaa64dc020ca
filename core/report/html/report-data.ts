import { existsSync } from 'node:fs';
import type { ImageSource } from '../../contracts/messages.js';
import type { PredictionRecord } from '../../contracts/metric.js';
import { readPairRecords, type PairFiles } from '../pair-records.js';
import type { MetricsFile } from '../results.js';
import type { SampleLookup } from './sample-lookup.js';
import { displayValue, isFlagged, statusOf, type SampleStatus } from './sample-status.js';
import { THUMBNAIL_BUDGET, thumbnail, thumbnailOrder } from './thumbnails.js';

/** Longest prompt, raw output or error embedded per sample; the rest is cut with an ellipsis. */
const TEXT_LIMIT = 2000;

/** Columns of a sample row in the page's data (the client script looks them up by name). */
const SAMPLE_COLUMNS = [
  'task',
  'model',
  'id',
  'status',
  'output',
  'prediction',
  'gold',
  'latencyMs',
  'promptTokens',
  'completionTokens',
  'prompt',
  'thumbnail',
  'error',
  'judge',
] as const;

/** Task and model are indices into `tasks` and `models`; prompt and thumbnail into theirs (-1: none). */
export type SampleRow = [number, number, string, SampleStatus, string, string, string, number, number | null, number | null, number, number, string | null, number | null];

/** The per-sample data the page embeds as JSON: compact rows, shared prompts and thumbnails. */
export interface EmbeddedSamples {
  readonly columns: readonly string[];
  readonly tasks: readonly string[];
  readonly models: readonly string[];
  readonly prompts: readonly string[];
  readonly thumbnails: readonly string[];
  readonly rows: readonly SampleRow[];
}

export interface PairRecords {
  readonly task: string;
  readonly model: string;
  readonly records: readonly PredictionRecord[];
}

export interface ReportData {
  readonly metrics: MetricsFile;
  readonly pairs: readonly PairRecords[];
  readonly samples: EmbeddedSamples;
  /** Samples (task x id) in the run, and how many of them got a thumbnail. */
  readonly thumbnails: { readonly samples: number; readonly embedded: number };
}

export interface ReportDataOptions {
  /** Re-opens the datasets for prompts and images; without it the page shows records only. */
  readonly samples?: SampleLookup;
  readonly warn: (message: string) => void;
  readonly budget?: { readonly count: number; readonly bytes: number; readonly size: number; readonly quality: number };
}

const truncate = (text: string) => (text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text);
const byId = new Intl.Collator('en', { numeric: true }).compare;

/** The records of every pair metrics.json lists, with judge grades where the run has them. */
function readRunPairs(metrics: MetricsFile, files: PairFiles): PairRecords[] {
  return Object.keys(metrics.tasks).flatMap((task) =>
    Object.keys(metrics.results[task] ?? {}).map((model) => {
      const judge = files.judgePath(task, model);
      return { task, model, records: readPairRecords(files.predictionsPath(task, model), existsSync(judge) ? judge : undefined) };
    }),
  );
}

/** One sample of one task with the answers of every model, in model order. */
interface TaskSample {
  readonly key: string;
  readonly task: number;
  readonly id: string;
  readonly answers: Array<{ readonly model: number; readonly record: PredictionRecord }>;
}

function taskSamples(pairs: readonly PairRecords[], tasks: readonly string[], models: readonly string[]): TaskSample[] {
  const samples = new Map<string, TaskSample>();
  for (const pair of pairs) {
    const task = tasks.indexOf(pair.task);
    const model = models.indexOf(pair.model);
    for (const record of pair.records) {
      const key = `${task}\u0000${record.id}`;
      let sample = samples.get(key);
      if (!sample) samples.set(key, (sample = { key, task, id: record.id, answers: [] }));
      sample.answers.push({ model, record });
    }
  }
  const ordered = [...samples.values()].sort((a, b) => a.task - b.task || byId(a.id, b.id));
  for (const sample of ordered) sample.answers.sort((a, b) => a.model - b.model);
  return ordered;
}

/**
 * Reads each task's split once for the prompts of all its samples, keeping the images of those chosen
 * for a thumbnail only (memory stays bounded by the thumbnail budget, not the dataset).
 */
async function readViews(samples: readonly TaskSample[], tasks: readonly string[], metrics: MetricsFile, lookup: SampleLookup, wantImage: ReadonlySet<string>, warn: (m: string) => void) {
  const prompts = new Map<string, string>();
  const images = new Map<string, ImageSource>();
  for (const [index, task] of tasks.entries()) {
    const ids = new Set(samples.filter((s) => s.task === index).map((s) => s.id));
    try {
      for await (const view of lookup(task, metrics.tasks[task]!.split, ids)) {
        const key = `${index}\u0000${view.id}`;
        prompts.set(key, truncate(view.prompt));
        if (view.image && wantImage.has(key)) images.set(key, view.image);
      }
    } catch (error) {
      warn(`report.html: ${task}: prompts and images left out: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { prompts, images };
}

/** Thumbnails in order of preference until the count or byte budget is spent. */
async function encodeThumbnails(order: readonly string[], images: ReadonlyMap<string, ImageSource>, budget: NonNullable<ReportDataOptions['budget']>, warn: (m: string) => void) {
  const urls: string[] = [];
  const indexOf = new Map<string, number>();
  let bytes = 0;
  let unreadable = 0;
  for (const key of order) {
    const image = images.get(key);
    if (!image) continue;
    let url: string;
    try {
      url = await thumbnail(await image.read(), budget);
    } catch {
      unreadable++;
      continue;
    }
    if (bytes + url.length > budget.bytes) break;
    bytes += url.length;
    indexOf.set(key, urls.push(url) - 1);
  }
  if (unreadable) warn(`report.html: ${unreadable} image(s) could not be read for thumbnails`);
  return { urls, indexOf };
}

/**
 * Everything report.html shows: metrics, every pair's records, and per-sample rows with prompts and
 * thumbnails from the datasets when `samples` can re-open them.
 */
export async function collectReportData(metrics: MetricsFile, files: PairFiles, options: ReportDataOptions): Promise<ReportData> {
  const budget = options.budget ?? THUMBNAIL_BUDGET;
  const tasks = Object.keys(metrics.tasks);
  const models = [...metrics.models];
  const pairs = readRunPairs(metrics, files);
  const samples = taskSamples(pairs, tasks, models);
  const order = thumbnailOrder(samples, (s) => s.answers.some((a) => isFlagged(statusOf(a.record))))
    .slice(0, budget.count)
    .map((s) => s.key);
  const views = options.samples
    ? await readViews(samples, tasks, metrics, options.samples, new Set(order), options.warn)
    : { prompts: new Map<string, string>(), images: new Map<string, ImageSource>() };
  const thumbnails = await encodeThumbnails(order, views.images, budget, options.warn);

  const prompts: string[] = [];
  const promptIndex = new Map<string, number>();
  const rows = samples.flatMap((sample) => {
    const prompt = views.prompts.get(sample.key);
    if (prompt !== undefined && !promptIndex.has(prompt)) promptIndex.set(prompt, prompts.push(prompt) - 1);
    return sample.answers.map(({ model, record }): SampleRow => [
      sample.task,
      model,
      record.id,
      statusOf(record),
      truncate(record.output ?? ''),
      displayValue(record.prediction),
      displayValue(record.gold),
      record.latencyMs,
      record.usage?.promptTokens ?? null,
      record.usage?.completionTokens ?? null,
      prompt === undefined ? -1 : promptIndex.get(prompt)!,
      thumbnails.indexOf.get(sample.key) ?? -1,
      record.error === null ? null : truncate(record.error),
      typeof record.judge === 'number' ? record.judge : null,
    ]);
  });
  return {
    metrics,
    pairs,
    samples: { columns: SAMPLE_COLUMNS, tasks, models, prompts, thumbnails: thumbnails.urls, rows },
    thumbnails: { samples: samples.length, embedded: thumbnails.urls.length },
  };
}
