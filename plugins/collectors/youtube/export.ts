import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import { sha256Hex } from 'mmsoc-bench';
import { lockStateDir } from './state-lock.js';
import { statePaths } from './state-dir.js';
import { DAY_MS, RETENTION_DAYS } from './retention.js';
import { ThumbnailStore } from './thumbnails.js';
import { MMSOC_TOPICS } from './topics.js';
import type { VideoRecord } from './video-record.js';
import { VideoStore } from './video-store.js';

/** `mmsoc`: keep only the 62 topics of the tagging task; `all`: every topic the API gave. */
export type TopicFilter = 'mmsoc' | 'all';

/**
 * Split names and shares as the Hub's MMSoc_YouTube2000 has them (train / val / test, about 80/10/10).
 * A video's split depends on its id alone, so it never moves between exports or between machines.
 */
export const SPLITS = [
  { name: 'train', upTo: 0.8 },
  { name: 'val', upTo: 0.9 },
  { name: 'test', upTo: 1 },
] as const;
export type SplitName = (typeof SPLITS)[number]['name'];

export function splitOf(id: string): SplitName {
  const position = parseInt(sha256Hex(id).slice(0, 8), 16) / 2 ** 32;
  return SPLITS.find((s) => position < s.upTo)!.name;
}

export interface ExportOptions {
  readonly stateDir: string;
  readonly outDir: string;
  readonly topics?: TopicFilter;
  /** Records fetched more than 30 days before `now` are left out: the API terms forbid using them. */
  readonly now?: number;
  readonly rowGroupSize?: number;
}

export interface ExportSummary {
  readonly files: string[];
  readonly rows: Record<SplitName, number>;
  readonly skipped: { readonly noTopics: number; readonly noThumbnail: number; readonly expired: number };
}

interface Row {
  readonly image: { bytes: Uint8Array; path: string };
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly tags: string;
  readonly topics: string[];
  readonly categoryId: bigint | null;
  readonly channelId: string | null;
  readonly channelTitle: string | null;
  readonly publishedAt: Date | null;
  readonly duration: string | null;
  readonly viewCount: bigint | null;
  readonly likeCount: number | null;
  readonly commentCount: number | null;
  readonly defaultLanguage: string | null;
  readonly defaultAudioLanguage: string | null;
  readonly split: SplitName;
}

const text = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });

/** The MMSoc_YouTube2000 columns, with the Hub's types where its card states them (int64 category, float64 counts). */
const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 17 },
  { name: 'image', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
  text('path'),
  text('id'),
  text('title'),
  text('description'),
  text('tags'),
  { name: 'topics', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  text('element'),
  { name: 'categoryId', type: 'INT64', repetition_type: 'OPTIONAL' },
  text('channelId'),
  text('channelTitle'),
  { name: 'publishedAt', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
  text('duration'),
  { name: 'viewCount', type: 'INT64', repetition_type: 'OPTIONAL' },
  { name: 'likeCount', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  { name: 'commentCount', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  text('defaultLanguage'),
  text('defaultAudioLanguage'),
  text('split'),
];

const COLUMNS: readonly (keyof Row)[] = [
  'image', 'id', 'title', 'description', 'tags', 'topics', 'categoryId', 'channelId', 'channelTitle', 'publishedAt',
  'duration', 'viewCount', 'likeCount', 'commentCount', 'defaultLanguage', 'defaultAudioLanguage', 'split',
];

const DTYPES: Partial<Record<keyof Row, string>> = {
  categoryId: 'int64',
  publishedAt: 'timestamp[ms]',
  viewCount: 'int64',
  likeCount: 'float64',
  commentCount: 'float64',
};

/** Lets the `datasets` library decode `image` as an Image feature, as it does for Hub parquet. */
const HF_FEATURES = JSON.stringify({
  info: {
    features: Object.fromEntries(
      COLUMNS.map((c) => [
        c,
        c === 'image'
          ? { _type: 'Image' }
          : c === 'topics'
            ? { feature: { dtype: 'string', _type: 'Value' }, _type: 'Sequence' }
            : { dtype: DTYPES[c] ?? 'string', _type: 'Value' },
      ]),
    ),
  },
});

/**
 * Writes the tagging dataset in the Hub layout the core's parquet source reads:
 * `<outDir>/data/<split>-00000-of-00001.parquet`, thumbnails embedded as `{bytes, path}` image structs,
 * rows sorted by id. Videos without a kept topic, without a thumbnail, or past the 30-day limit are left out
 * and counted. Files are written under temporary names and renamed when complete.
 */
export async function exportTaggingDataset(options: ExportOptions): Promise<ExportSummary> {
  const { topics = 'mmsoc', now = Date.now(), rowGroupSize = 200 } = options;
  const paths = statePaths(options.stateDir);
  const unlock = await lockStateDir(paths.root);
  try {
    const store = await VideoStore.open(paths.videos);
    const thumbnails = await ThumbnailStore.open(paths.thumbnailLog, paths.thumbnailDir);
    try {
      return await writeSplits(store, thumbnails, path.join(path.resolve(options.outDir), 'data'), {
        keep: topics === 'mmsoc' ? new Set(MMSOC_TOPICS) : undefined,
        oldest: now - RETENTION_DAYS * DAY_MS,
        rowGroupSize,
      });
    } finally {
      await Promise.all([store.close(), thumbnails.close()]);
    }
  } finally {
    await unlock();
  }
}

async function writeSplits(
  store: VideoStore,
  thumbnails: ThumbnailStore,
  dataDir: string,
  rules: { keep: Set<string> | undefined; oldest: number; rowGroupSize: number },
): Promise<ExportSummary> {
  await mkdir(dataDir, { recursive: true });
  const outputs = new Map(SPLITS.map((s) => [s.name, new SplitOutput(dataDir, s.name, rules.rowGroupSize)]));
  const skipped = { noTopics: 0, noThumbnail: 0, expired: 0 };
  try {
    const ids = [...store.entries()].filter(([, e]) => e.live).map(([id]) => id).sort();
    for (let i = 0; i < ids.length; i += rules.rowGroupSize) {
      for (const line of await store.read(ids.slice(i, i + rules.rowGroupSize))) {
        const entry = store.get(line.id)!;
        const kept = line.video.topics.filter((t) => !rules.keep || rules.keep.has(t));
        const image = thumbnails.fileOf(line.id, entry.thumbKey);
        if (entry.at < rules.oldest) skipped.expired += 1;
        else if (kept.length === 0) skipped.noTopics += 1;
        else if (!image) skipped.noThumbnail += 1;
        else await outputs.get(splitOf(line.id))!.add(rowOf(line.video, kept, await readFile(image)));
      }
    }
    const files: string[] = [];
    for (const output of outputs.values()) files.push(await output.finish());
    const rows = Object.fromEntries([...outputs].map(([name, o]) => [name, o.count])) as Record<SplitName, number>;
    return { files, rows, skipped };
  } catch (err) {
    for (const output of outputs.values()) await output.discard();
    throw err;
  }
}

function rowOf(video: VideoRecord, topics: string[], image: Uint8Array): Row {
  const published = video.publishedAt ? new Date(video.publishedAt) : null;
  return {
    image: { bytes: image, path: `${video.id}.jpg` },
    id: video.id,
    title: video.title,
    description: video.description,
    tags: video.tags.join(','),
    topics,
    categoryId: video.categoryId && /^\d+$/.test(video.categoryId) ? BigInt(video.categoryId) : null,
    channelId: video.channelId ?? null,
    channelTitle: video.channelTitle ?? null,
    publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
    duration: video.duration ?? null,
    viewCount: video.viewCount === null ? null : BigInt(Math.round(video.viewCount)),
    likeCount: video.likeCount,
    commentCount: video.commentCount,
    defaultLanguage: video.defaultLanguage ?? null,
    defaultAudioLanguage: video.defaultAudioLanguage ?? null,
    split: splitOf(video.id),
  };
}

/** One split's parquet file, written a row group at a time. */
class SplitOutput {
  readonly #final: string;
  readonly #temp: string;
  readonly #writer: ParquetWriter;
  #rows: Row[] = [];
  count = 0;

  constructor(
    dataDir: string,
    split: SplitName,
    private readonly rowGroupSize: number,
  ) {
    this.#final = path.join(dataDir, `${split}-00000-of-00001.parquet`);
    this.#temp = `${this.#final}.tmp`;
    this.#writer = new ParquetWriter({
      writer: fileWriter(this.#temp),
      schema: SCHEMA,
      kvMetadata: [{ key: 'huggingface', value: HF_FEATURES }],
      createdBy: 'mmsoc-bench youtube collector',
    });
  }

  async add(row: Row): Promise<void> {
    this.#rows.push(row);
    this.count += 1;
    if (this.#rows.length >= this.rowGroupSize) await this.#flush();
  }

  async finish(): Promise<string> {
    await this.#flush();
    await this.#writer.finish();
    await rename(this.#temp, this.#final);
    return this.#final;
  }

  discard(): Promise<void> {
    return rm(this.#temp, { force: true });
  }

  async #flush(): Promise<void> {
    if (this.#rows.length === 0) return;
    const rows = this.#rows;
    this.#rows = [];
    await this.#writer.write({
      columnData: COLUMNS.map((name) => ({ name, data: rows.map((row) => row[name]) })),
      rowGroupSize: rows.length,
    });
  }
}
