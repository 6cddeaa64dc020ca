import { open } from 'node:fs/promises';
import { JsonlAppender, readJsonl, readJsonlLine, removeRewriteLeftovers, rewriteJsonl } from './jsonl.js';
import { urlKey } from './url-key.js';
import { isFetched, type FetchedVideoLine, type VideoLine } from './video-record.js';

/** Where the current line of one video sits in videos.jsonl, and what refresh and thumbnails need to know of it. */
export interface VideoIndexEntry {
  readonly offset: number;
  readonly length: number;
  /** False when the id is recorded as unavailable (never found, or gone since). */
  readonly live: boolean;
  /** When the record was fetched, or found unavailable. */
  readonly at: number;
  readonly batch?: string;
  /** `urlKey` of the best thumbnail URL (0: none), to spot records whose thumbnail is missing or outdated. */
  readonly thumbKey: number;
}

/**
 * videos.jsonl and its in-memory index (id -> current line). Lines are only appended; the last line of an id
 * wins, and `compact` drops superseded lines (temp file + rename) so removed videos leave no API data behind.
 */
export class VideoStore {
  private constructor(
    private readonly file: string,
    private appender: JsonlAppender,
    private readonly index: Map<string, VideoIndexEntry>,
  ) {}

  static async open(file: string): Promise<VideoStore> {
    await removeRewriteLeftovers(file);
    const appender = await JsonlAppender.open(file);
    return new VideoStore(file, appender, await buildIndex(file));
  }

  /** Ids with an outcome: fetched or unavailable. */
  get size(): number {
    return this.index.size;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  get(id: string): VideoIndexEntry | undefined {
    return this.index.get(id);
  }

  entries(): IterableIterator<[string, VideoIndexEntry]> {
    return this.index.entries();
  }

  counts(): { live: number; unavailable: number } {
    let live = 0;
    for (const entry of this.index.values()) if (entry.live) live += 1;
    return { live, unavailable: this.index.size - live };
  }

  /** Appends the outcome of one API response in a single write. */
  async append(lines: readonly VideoLine[]): Promise<void> {
    const positions = await this.appender.append(lines);
    lines.forEach((line, i) => this.index.set(line.id, entryFor(line, positions[i]!)));
  }

  /** Reads the current record of a live video. */
  async read(ids: readonly string[]): Promise<FetchedVideoLine[]> {
    const handle = await open(this.file, 'r');
    try {
      const lines: FetchedVideoLine[] = [];
      for (const id of ids) {
        const entry = this.index.get(id);
        if (!entry?.live) continue;
        lines.push(await readJsonlLine<FetchedVideoLine>(handle, entry));
      }
      return lines;
    } finally {
      await handle.close();
    }
  }

  /** Rewrites videos.jsonl with only the current line of each id. */
  async compact(): Promise<void> {
    await this.appender.close();
    await rewriteJsonl<VideoLine>(this.file, (line, offset) => this.index.get(line.id)?.offset === offset);
    this.appender = await JsonlAppender.open(this.file);
    const fresh = await buildIndex(this.file);
    this.index.clear();
    for (const [id, entry] of fresh) this.index.set(id, entry);
  }

  close(): Promise<void> {
    return this.appender.close();
  }
}

async function buildIndex(file: string): Promise<Map<string, VideoIndexEntry>> {
  const index = new Map<string, VideoIndexEntry>();
  for await (const line of readJsonl<VideoLine>(file)) index.set(line.value.id, entryFor(line.value, line));
  return index;
}

function entryFor(line: VideoLine, at: { offset: number; length: number }): VideoIndexEntry {
  const position = { offset: at.offset, length: at.length };
  if (!isFetched(line)) return { ...position, live: false, at: line.at, thumbKey: 0 };
  const best = line.video.thumbnails[0]?.url;
  return { ...position, live: true, at: line.fetchedAt, batch: line.fetch.batch, thumbKey: best ? urlKey(best) : 0 };
}
