import { access, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Backoff, type Clock, type PluginContext, sha256Hex } from 'mmsoc-bench';
import { collectorBackoffMs } from './backoff.js';
import { JsonlAppender, readJsonl, removeRewriteLeftovers, rewriteJsonl } from './jsonl.js';
import { urlKey } from './url-key.js';
import type { ThumbnailCandidate } from './video-record.js';

/** One line of thumbnails.jsonl; the last line of an id wins. */
export interface ThumbnailLine {
  readonly id: string;
  /** The record's best thumbnail URL when this line was written: a record pointing elsewhere needs a new one. */
  readonly url: string;
  /** Content hash: the file is `thumbnails/<sha256>.jpg`. */
  readonly sha256?: string;
  /** The size actually stored, when a larger one was missing. */
  readonly source?: string;
  readonly error?: string;
  /** A failure worth trying again in a later run (network, 5xx), unlike a 404 on every size. */
  readonly retryable?: boolean;
  readonly at: number;
}

interface LogEntry {
  readonly key: number;
  readonly sha256?: string;
  readonly retryable: boolean;
  /** Position of the entry's line, so compaction keeps exactly the current lines. */
  readonly offset: number;
}

/** thumbnails.jsonl and the content-addressed files beside it. */
export class ThumbnailStore {
  private constructor(
    private readonly logFile: string,
    readonly dir: string,
    private appender: JsonlAppender,
    private readonly entries: Map<string, LogEntry>,
  ) {}

  static async open(logFile: string, dir: string): Promise<ThumbnailStore> {
    await mkdir(dir, { recursive: true });
    // Temp files of writes a crash interrupted.
    for (const name of await readdir(dir)) if (name.endsWith('.tmp')) await rm(path.join(dir, name), { force: true });
    await removeRewriteLeftovers(logFile);
    const appender = await JsonlAppender.open(logFile);
    return new ThumbnailStore(logFile, dir, appender, await readEntries(logFile));
  }

  /** True when the thumbnail behind `thumbKey` is stored, or failed for good. */
  isSettled(id: string, thumbKey: number): boolean {
    const entry = this.entries.get(id);
    return entry !== undefined && entry.key === thumbKey && (entry.sha256 !== undefined || !entry.retryable);
  }

  fileOf(id: string, thumbKey: number): string | undefined {
    const entry = this.entries.get(id);
    return entry?.sha256 && entry.key === thumbKey ? this.pathFor(entry.sha256) : undefined;
  }

  pathFor(sha256: string): string {
    return path.join(this.dir, `${sha256}.jpg`);
  }

  counts(): { stored: number; failed: number } {
    let stored = 0;
    for (const entry of this.entries.values()) if (entry.sha256) stored += 1;
    return { stored, failed: this.entries.size - stored };
  }

  async record(line: ThumbnailLine): Promise<void> {
    const [position] = await this.appender.append([line]);
    this.entries.set(line.id, entryOf(line, position!.offset));
  }

  /** Keeps only lines and files that a live video still points to: refresh deleted the others' records. */
  async prune(isCurrent: (id: string, thumbKey: number) => boolean): Promise<void> {
    await this.appender.close();
    const wanted = new Set<string>();
    await rewriteJsonl<ThumbnailLine>(this.logFile, (line, offset) => {
      const entry = this.entries.get(line.id);
      if (entry?.offset !== offset || !isCurrent(line.id, entry.key)) return false;
      if (line.sha256) wanted.add(line.sha256);
      return true;
    });
    this.appender = await JsonlAppender.open(this.logFile);
    const fresh = await readEntries(this.logFile);
    this.entries.clear();
    for (const [id, entry] of fresh) this.entries.set(id, entry);
    for (const name of await readdir(this.dir)) {
      if (name.endsWith('.jpg') && !wanted.has(name.slice(0, -4))) await rm(path.join(this.dir, name), { force: true });
    }
  }

  close(): Promise<void> {
    return this.appender.close();
  }
}

async function readEntries(logFile: string): Promise<Map<string, LogEntry>> {
  const entries = new Map<string, LogEntry>();
  for await (const { value, offset } of readJsonl<ThumbnailLine>(logFile)) entries.set(value.id, entryOf(value, offset));
  return entries;
}

function entryOf(line: ThumbnailLine, offset: number): LogEntry {
  return {
    key: urlKey(line.url),
    ...(line.sha256 ? { sha256: line.sha256 } : {}),
    retryable: line.retryable ?? false,
    offset,
  };
}

export interface ThumbnailDownloaderOptions {
  readonly get: PluginContext['getWithRetries'];
  readonly store: ThumbnailStore;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

interface Job {
  readonly id: string;
  readonly candidates: readonly ThumbnailCandidate[];
}

type Fetched =
  | { readonly bytes: Uint8Array }
  | { readonly missing: true }
  | { readonly failed: string; readonly retryable: boolean };

/**
 * Downloads the largest available thumbnail of each video, at most `concurrency` at a time. Files are named
 * by content hash and written once; a size the server lacks falls back to the next one; transient failures
 * are retried with backoff, then recorded.
 */
export class ThumbnailDownloader {
  readonly #queue: Job[] = [];
  #active = 0;
  #idle: (() => void)[] = [];
  /** A failure of our own (disk, log): surfaces from `settle` instead of crashing the process. */
  #fatal: unknown;

  constructor(private readonly options: ThumbnailDownloaderOptions) {}

  enqueue(id: string, candidates: readonly ThumbnailCandidate[]): void {
    if (candidates.length === 0) return;
    this.#queue.push({ id, candidates });
    this.#pump();
  }

  get backlog(): number {
    return this.#queue.length + this.#active;
  }

  /** Resolves once the backlog is at most `max` (0: all done). After an abort, queued jobs are dropped. */
  async settle(max = 0): Promise<void> {
    while (this.backlog > max && this.#fatal === undefined && !(this.options.signal.aborted && this.#active === 0)) {
      await new Promise<void>((resolve) => this.#idle.push(resolve));
    }
    if (this.#fatal !== undefined) throw this.#fatal;
  }

  #pump(): void {
    while (this.#active < this.options.concurrency && this.#queue.length > 0 && !this.options.signal.aborted) {
      const job = this.#queue.shift()!;
      this.#active += 1;
      void this.#run(job)
        .catch((err: unknown) => {
          this.#fatal ??= err;
        })
        .finally(() => {
          this.#active -= 1;
          this.#pump();
          for (const wake of this.#idle.splice(0)) wake();
        });
    }
    if (this.options.signal.aborted) {
      this.#queue.length = 0;
      for (const wake of this.#idle.splice(0)) wake();
    }
  }

  async #run(job: Job): Promise<void> {
    const best = job.candidates[0]!.url;
    const base = { id: job.id, url: best, at: this.options.clock.now() };
    try {
      for (const candidate of job.candidates) {
        const result = await this.#fetch(candidate.url);
        if ('missing' in result) continue;
        if ('failed' in result) return await this.options.store.record({ ...base, error: result.failed, retryable: result.retryable });
        const sha256 = sha256Hex(result.bytes);
        await this.#writeOnce(sha256, result.bytes);
        return await this.options.store.record({ ...base, sha256, ...(candidate.url !== best ? { source: candidate.url } : {}) });
      }
      await this.options.store.record({ ...base, error: 'no thumbnail size is available', retryable: false });
    } catch (err) {
      // Aborted while waiting to retry: left for the next run, nothing recorded.
      if (!this.options.signal.aborted) throw err;
    }
  }

  async #fetch(url: string): Promise<Fetched> {
    const { get, maxAttempts, backoff, signal, timeoutMs } = this.options;
    const answer = await get(url, { maxAttempts, timeoutMs, signal, delayMs: (retry) => collectorBackoffMs(retry, backoff, Math.random) });
    if ('error' in answer) return { failed: `${answer.error} after ${answer.attempts} attempts`, retryable: true };
    if (answer.status === 200) return { bytes: answer.body };
    if (answer.status === 404 || answer.status === 410) return { missing: true };
    if (answer.retryable) return { failed: `HTTP ${answer.status} after ${answer.attempts} attempts`, retryable: true };
    return { failed: `HTTP ${answer.status}`, retryable: false };
  }

  async #writeOnce(sha256: string, bytes: Uint8Array): Promise<void> {
    const file = this.options.store.pathFor(sha256);
    try {
      await access(file);
      return;
    } catch {
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, file);
    }
  }
}
