import { youtube, type GlobalOptions, type MethodOptions, type youtube_v3 } from '@googleapis/youtube';
import { UsageError } from '../../core/errors.js';
import type { Clock } from '../../core/services/clock.js';
import type { Redactor } from '../../core/util/redact.js';
import { classifyApiError } from './api-errors.js';
import { backoffDelayMs, type Backoff } from '../../core/scheduler/retry-policy.js';
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
  readonly redactor: Redactor;
  readonly clock: Clock;
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  readonly signal: AbortSignal;
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
 * retried on rate limits and 5xx with backoff and jitter, and turned into the collector's errors with the key
 * redacted from every message.
 */
export class YoutubeApi {
  readonly #client: youtube_v3.Youtube;

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
    return this.call('other', 'videos.list', (o) =>
      this.#client.videos.list(
        { part: VIDEO_PARTS, id: [...ids], maxResults: MAX_RESULTS },
        etag ? { ...o, headers: { 'If-None-Match': etag } } : o,
      ),
    );
  }

  /** videos.list chart=mostPopular, full video resources, 1 unit per page. */
  async chartPage(region: string, categoryId: string | undefined, pageToken: string | undefined) {
    const res = await this.call('other', 'videos.list(chart)', (o) =>
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
    const res = await this.call('other', 'channels.list', (o) =>
      this.#client.channels.list({ part: ['contentDetails'], ...selector }, o),
    );
    return res.data.items?.[0]?.contentDetails?.relatedPlaylists?.uploads ?? undefined;
  }

  /** playlistItems.list, 1 unit per page of 50. */
  async playlistPage(playlistId: string, pageToken: string | undefined): Promise<Page<PlaylistEntry>> {
    const res = await this.call('other', 'playlistItems.list', (o) =>
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
    const res = await this.call('search', 'search.list', (o) =>
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
    const res = await this.call('other', 'videoCategories.list', (o) =>
      this.#client.videoCategories.list({ part: ['snippet'], regionCode: region }, o),
    );
    return (res.data.items ?? []).flatMap((c) =>
      c.id ? [{ id: c.id, title: c.snippet?.title ?? '', assignable: c.snippet?.assignable ?? false }] : [],
    );
  }

  private async call<T>(bucket: QuotaBucket, label: string, send: (options: MethodOptions) => Promise<T>): Promise<T> {
    const { ledger, persist, maxAttempts, backoff, clock, signal, redactor } = this.options;
    ledger.spend(bucket, COST[bucket]);
    await persist();
    let attempts = 1;
    let refused: unknown;
    let retryAfterMs = 0;
    const retryConfig: MethodOptions['retryConfig'] = {
      // Replaces gaxios' own checks (status ranges, attempt count), so the attempt limit is enforced here.
      shouldRetry: async (err) => {
        const failure = classifyApiError(err, signal);
        if (failure.kind !== 'transient' || attempts >= maxAttempts) return false;
        try {
          ledger.spend(bucket, COST[bucket]);
        } catch (stop) {
          refused = stop;
          return false;
        }
        await persist();
        retryAfterMs = failure.retryAfterMs ?? 0;
        attempts += 1;
        return true;
      },
      retryBackoff: () => clock.sleep(backoffDelayMs(attempts - 2, backoff, Math.random, retryAfterMs), signal),
    };
    try {
      return await send({ retryConfig });
    } catch (err) {
      if (refused) throw refused;
      const failure = classifyApiError(err, signal);
      const message = redactor.redact(`${label}: ${failure.message}`);
      switch (failure.kind) {
        case 'quota':
          ledger.markExhausted(failure.reason);
          await persist();
          throw new QuotaStop(failure.reason, ledger.resumeAt());
        case 'config':
          throw new UsageError(`the YouTube Data API refused the key (${failure.reason}): ${message}`);
        case 'transient':
          throw new ApiUnavailable(`${message} (${failure.reason}, ${attempts} attempts)`);
        case 'aborted':
          throw new Interrupted();
        case 'item':
          throw new ApiItemError(failure.reason, failure.status, message);
      }
    }
  }
}

function page<T>(items: T[], nextPageToken: string | null | undefined): Page<T> {
  return { items, ...(nextPageToken ? { nextPageToken } : {}) };
}
