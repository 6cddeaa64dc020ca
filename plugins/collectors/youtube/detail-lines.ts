import type { youtube_v3 } from '@googleapis/youtube';
import { sha256Hex } from 'mmsoc-bench';
import { videoRecordFromApi, type VideoLine } from './video-record.js';

/**
 * Turns one videos.list answer into lines for videos.jsonl: a record per returned video (each id once) and an
 * `unavailable` line for every requested id the API left out (deleted, private, or never existed).
 */
export function detailLines(
  requested: readonly string[],
  items: readonly youtube_v3.Schema$Video[],
  at: number,
  etag?: string,
): VideoLine[] {
  const wanted = new Set(requested);
  const found = new Map<string, youtube_v3.Schema$Video>();
  for (const item of items) if (item.id && wanted.has(item.id) && !found.has(item.id)) found.set(item.id, item);
  const fetch = { batch: batchKey([...found.keys()]), ...(etag ? { etag } : {}) };
  const lines: VideoLine[] = [...found].map(([id, item]) => ({ id, fetchedAt: at, fetch, video: videoRecordFromApi(item) }));
  for (const id of wanted) if (!found.has(id)) lines.push({ id, unavailable: 'notReturned', at });
  return lines;
}

/** Names the set of videos one response carried, so refresh can ask for exactly that set again. */
export function batchKey(ids: readonly string[]): string {
  return sha256Hex([...ids].sort().join(',')).slice(0, 16);
}
