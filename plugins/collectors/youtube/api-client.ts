import { youtube, type GlobalOptions, type MethodOptions, type youtube_v3 } from '@googleapis/youtube';
import { type Backoff, type Clock, type PluginContext, UsageError } from 'mmsoc-bench';
import type { ZodType } from 'zod';
import { classifyApiError, type ApiFailure } from './api-errors.js';
import { REPLIES, replyProblem } from './api-replies.js';
import { collectorBackoffMs } from './backoff.js';
import { ApiItemError, ApiUnavailable, Interrupted, QuotaStop } from './errors.js';
import type { QuotaBucket, QuotaLedger } from './quota-ledger.js';
import type { ChannelRef } from './video-url.js';

export const VIDEO_PARTS = ['snippet', 'contentDetails', 'statistics', 'topicDetails', 'status'];
/** videos.list, playlistItems.list and search.list return at most 50 items per call. */
export const MAX_RESULTS = 50;
const COST = { search: 100, other: 1 } as const;

export interface YoutubeApiOptions {
  readonly key: string;
  readonly rootUrl: string;
  readonly ledger: QuotaLedger;
  /** Saves the ledger; called after each booking and before the request leaves. */
  readonly persist: () => Promise<void>;
  readonly redactor: Pick<PluginContext, 'redact'>;
  readonly clock: Clock;
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  /** Most time one attempt may wait for its answer. */
  readonly timeoutMs: number;
  /** The run's signal: no new attempt, no new wait once it is aborted. */
  readonly signal: AbortSignal;
  /** The call in flight is abandoned this long after `signal` aborts: its answer is paid for, but a hung one must not hold the run. */
  readonly graceMs: number;
}

export type VideosResult =
  | { readonly notModified: true }
  | { readonly notModified: false; readonly items: youtube_v3.Schema$Video[]; readonly etag?: string };

export interface Page<T> {
  readonly items: T[];
  readonly nextPageToken?: string;
}

export interface PlaylistEntry {
  readonly videoId: string;
  readonly publishedAt?: string;
}

export interface VideoCategory {
  readonly id: string;
  readonly title: string;
  readonly assignable: boolean;
}

/**
 * The Data API calls the collector makes, each booked on the quota ledger before it is sent (retries too),
 * retried on rate limits, 5xx, timeouts and answers that are not what the API sends, with backoff, and turned
 * into the collector's errors with the key redacted from every message.
 */
export class YoutubeApi {
  readonly #client: youtube_v3.Youtube;
  readonly #requestSignal: AbortSignal;

  constructor(private readonly options: YoutubeApiOptions) {
    const globalOptions: GlobalOptions = {
      auth: options.key,
      rootUrl: options.rootUrl,
      // gaxios keeps the request URL, `key=` included, on the error it throws.
      errorRedactor: (data) => {
        if (data.config?.url instanceof URL) data.config.url.searchParams.delete('key');
        return data;
      },
    };
    this.#client = youtube({ version: 'v3', ...globalOptions });
    this.#requestSignal = abortedLater(options.signal, options.graceMs);
  }

  /** videos.list by id, 1 unit per call of up to 50 ids; ids the API leaves out are unavailable. */
  async videosById(ids: readonly string[]): Promise<{ items: youtube_v3.Schema$Video[]; etag?: string }> {
    const res = await this.#videos(ids, undefined);
    return { items: res.data.items ?? [], ...(res.data.etag ? { etag: res.data.etag } : {}) };
  }

  /** The same, conditional on the ETag of an earlier answer for exactly these ids: unchanged is a 304. */
  async videosByIdIfChanged(ids: readonly string[], etag: string): Promise<VideosResult> {
    const res = await this.#videos(ids, etag);
    if (res.status === 304) return { notModified: true };
    return { notModified: false, items: res.data.items ?? [], ...(res.data.etag ? { etag: res.data.etag } : {}) };
  }

  #videos(ids: readonly string[], etag: string | undefined) {
    return this.call('other', 'videos.list', REPLIES.videos, (o) =>
      this.#client.videos.list(
        { part: VIDEO_PARTS, id: [...ids], maxResults: MAX_RESULTS },
        etag ? { ...o, headers: { 'If-None-Match': etag } } : o,
      ),
    );
  }

  /** videos.list chart=mostPopular, full video resources, 1 unit per page. */
  async chartPage(region: string, categoryId: string | undefined, pageToken: string | undefined) {
    const res = await this.call('other', 'videos.list(chart)', REPLIES.videos, (o) =>
      this.#client.videos.list(
        {
          part: VIDEO_PARTS,
          chart: 'mostPopular',
          regionCode: region,
          maxResults: MAX_RESULTS,
          ...(categoryId ? { videoCategoryId: categoryId } : {}),
          ...(pageToken ? { pageToken } : {}),
        },
        o,
      ),
    );
    return page(res.data.items ?? [], res.data.nextPageToken);
  }

  /** channels.list, 1 unit: the playlist holding a channel's uploads, newest first. */
  async uploadsPlaylist(ref: ChannelRef): Promise<string | undefined> {
    const selector =
      ref.kind === 'id' ? { id: [ref.value] } : ref.kind === 'handle' ? { forHandle: ref.value } : { forUsername: ref.value };
    const res = await this.call('other', 'channels.list', REPLIES.channels, (o) =>
      this.#client.channels.list({ part: ['contentDetails'], ...selector }, o),
    );
    return res.data.items?.[0]?.contentDetails?.relatedPlaylists?.uploads ?? undefined;
  }

  /** playlistItems.list, 1 unit per page of 50. */
  async playlistPage(playlistId: string, pageToken: string | undefined): Promise<Page<PlaylistEntry>> {
    const res = await this.call('other', 'playlistItems.list', REPLIES.playlistItems, (o) =>
      this.#client.playlistItems.list(
        { part: ['contentDetails'], playlistId, maxResults: MAX_RESULTS, ...(pageToken ? { pageToken } : {}) },
        o,
      ),
    );
    const items = (res.data.items ?? []).flatMap((item) => {
      const videoId = item.contentDetails?.videoId;
      const publishedAt = item.contentDetails?.videoPublishedAt;
      return videoId ? [{ videoId, ...(publishedAt ? { publishedAt } : {}) }] : [];
    });
    return page(items, res.data.nextPageToken);
  }

  /** search.list, 100 units per page, ids only: search results carry no tags or topics. */
  async searchPage(query: string, pageToken: string | undefined): Promise<Page<string>> {
    const res = await this.call('search', 'search.list', REPLIES.search, (o) =>
      this.#client.search.list(
        { part: ['id'], q: query, type: ['video'], maxResults: MAX_RESULTS, ...(pageToken ? { pageToken } : {}) },
        o,
      ),
    );
    const ids = (res.data.items ?? []).flatMap((item) => (item.id?.videoId ? [item.id.videoId] : []));
    return page(ids, res.data.nextPageToken);
  }

  /** videoCategories.list, 1 unit. */
  async videoCategories(region: string): Promise<VideoCategory[]> {
    const res = await this.call('other', 'videoCategories.list', REPLIES.videoCategories, (o) =>
      this.#client.videoCategories.list({ part: ['snippet'], regionCode: region }, o),
    );
    return (res.data.items ?? []).flatMap((c) =>
      c.id ? [{ id: c.id, title: c.snippet?.title ?? '', assignable: c.snippet?.assignable ?? false }] : [],
    );
  }

  /**
   * One API call: booked, sent with a timeout, checked against the answer's expected shape, and retried while
   * it fails in a way worth another attempt. gaxios' own retry is off: a 200 whose body is not the answer must
   * be retried too, and after a timeout gaxios would send the retry without the run's abort signal.
   */
  private async call<R extends { readonly status: number; readonly data: unknown }>(
    bucket: QuotaBucket,
    label: string,
    reply: ZodType,
    send: (options: MethodOptions) => Promise<R>,
  ): Promise<R> {
    const { ledger, persist, maxAttempts, backoff, clock, signal, timeoutMs } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      if (signal.aborted) throw new Interrupted();
      // Booked before it leaves: a call that times out or whose answer is lost may still have been billed.
      ledger.spend(bucket, COST[bucket]);
      await persist();
      let failure: ApiFailure;
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const res = await send({ retry: false, signal: AbortSignal.any([this.#requestSignal, timeout]) });
        const problem = res.status === 304 ? undefined : replyProblem(reply, res.data);
        if (!problem) return res;
        failure = { kind: 'transient', reason: 'malformedReply', message: `HTTP ${res.status} with ${problem}` };
      } catch (err) {
        failure =
          timeout.aborted && !signal.aborted
            ? { kind: 'transient', reason: 'timeout', message: `no answer within ${timeoutMs / 1000} s (--timeout)` }
            : classifyApiError(err, signal);
      }
      if (failure.kind !== 'transient' || attempt >= maxAttempts) throw await this.#stop(failure, label, attempt);
      const wait = collectorBackoffMs(attempt - 1, backoff, Math.random, failure.retryAfterMs);
      await clock.sleep(wait, signal).catch(() => {
        throw new Interrupted();
      });
    }
  }

  /** The collector's error for a call that will not be tried again. */
  async #stop(failure: ApiFailure, label: string, attempts: number): Promise<Error> {
    const { ledger, persist, redactor } = this.options;
    const message = redactor.redact(`${label}: ${failure.message}`);
    switch (failure.kind) {
      case 'quota':
        ledger.markExhausted(failure.reason);
        await persist();
        return new QuotaStop(failure.reason, ledger.resumeAt());
      case 'config':
        return new UsageError(`the YouTube Data API refused the key (${failure.reason}): ${message}`);
      case 'transient':
        return new ApiUnavailable(`${message} (${failure.reason}, ${attempts} attempt${attempts === 1 ? '' : 's'})`);
      case 'aborted':
        return new Interrupted();
      case 'item':
        return new ApiItemError(failure.reason, failure.status, message);
    }
  }
}

/** A signal that aborts `delayMs` after `signal` does. */
function abortedLater(signal: AbortSignal, delayMs: number): AbortSignal {
  const later = new AbortController();
  const start = () => setTimeout(() => later.abort(signal.reason), delayMs).unref();
  if (signal.aborted) start();
  else signal.addEventListener('abort', start, { once: true });
  return later.signal;
}

function page<T>(items: T[], nextPageToken: string | null | undefined): Page<T> {
  return { items, ...(nextPageToken ? { nextPageToken } : {}) };
}
