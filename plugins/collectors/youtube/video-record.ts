import type { youtube_v3 } from '@googleapis/youtube';
import { topicFromCategoryUrl } from './topics.js';

export interface ThumbnailCandidate {
  readonly url: string;
  readonly width?: number;
  readonly height?: number;
}

/** The fields of a `videos` resource the tagging dataset needs, flattened. */
export interface VideoRecord {
  readonly id: string;
  readonly etag?: string;
  readonly title: string;
  readonly description: string;
  /** Lower-cased, trimmed, without repeats, in the uploader's order. */
  readonly tags: string[];
  /** Wikipedia slugs of `topicDetails.topicCategories`: the labels of the tagging task. */
  readonly topics: string[];
  readonly categoryId?: string;
  readonly channelId?: string;
  readonly channelTitle?: string;
  readonly publishedAt?: string;
  readonly duration?: string;
  readonly viewCount: number | null;
  readonly likeCount: number | null;
  readonly commentCount: number | null;
  readonly defaultLanguage?: string;
  readonly defaultAudioLanguage?: string;
  readonly privacyStatus?: string;
  readonly madeForKids?: boolean;
  /** Largest first; the first one that downloads is the dataset's image. */
  readonly thumbnails: ThumbnailCandidate[];
}

/** One line of videos.jsonl: a fetched video, or an id the API no longer serves. The last line of an id wins. */
export type VideoLine = FetchedVideoLine | UnavailableVideoLine;

export interface FetchedVideoLine {
  readonly id: string;
  readonly fetchedAt: number;
  /** The response this record came from: refresh re-asks for the same ids with `If-None-Match: etag`. */
  readonly fetch: { readonly batch: string; readonly etag?: string };
  readonly video: VideoRecord;
}

export interface UnavailableVideoLine {
  readonly id: string;
  readonly unavailable: string;
  readonly at: number;
}

export function isFetched(line: VideoLine): line is FetchedVideoLine {
  return 'video' in line;
}

export function videoRecordFromApi(item: youtube_v3.Schema$Video): VideoRecord {
  const snippet = item.snippet ?? {};
  const statistics = item.statistics ?? {};
  return {
    id: item.id ?? '',
    ...optional('etag', item.etag),
    title: snippet.title ?? '',
    description: snippet.description ?? '',
    tags: normalizeTags(snippet.tags ?? []),
    topics: topicsOf(item.topicDetails?.topicCategories ?? []),
    ...optional('categoryId', snippet.categoryId),
    ...optional('channelId', snippet.channelId),
    ...optional('channelTitle', snippet.channelTitle),
    ...optional('publishedAt', snippet.publishedAt),
    ...optional('duration', item.contentDetails?.duration),
    viewCount: count(statistics.viewCount),
    likeCount: count(statistics.likeCount),
    commentCount: count(statistics.commentCount),
    ...optional('defaultLanguage', snippet.defaultLanguage),
    ...optional('defaultAudioLanguage', snippet.defaultAudioLanguage),
    ...optional('privacyStatus', item.status?.privacyStatus),
    ...optional('madeForKids', item.status?.madeForKids),
    thumbnails: thumbnailsBySize(snippet.thumbnails ?? {}),
  };
}

export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const clean = tag.trim().toLowerCase();
    if (clean) seen.add(clean);
  }
  return [...seen];
}

function topicsOf(urls: readonly string[]): string[] {
  const topics = new Set<string>();
  for (const url of urls) {
    const topic = topicFromCategoryUrl(url);
    if (topic) topics.add(topic);
  }
  return [...topics];
}

function thumbnailsBySize(details: youtube_v3.Schema$ThumbnailDetails): ThumbnailCandidate[] {
  return Object.values(details)
    .filter((t): t is youtube_v3.Schema$Thumbnail & { url: string } => typeof t?.url === 'string' && t.url !== '')
    .map((t) => ({ url: t.url, ...optional('width', t.width), ...optional('height', t.height) }))
    .sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0));
}

/** Statistics arrive as decimal strings; hidden counts are absent. */
function count(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** `{ key: value }` when the API sent a value, `{}` otherwise, so absent fields stay absent in the JSON line. */
function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return value === null || value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
