import { type CollectorProgress, stableJson } from 'mmsoc-bench';
import { MAX_RESULTS } from './api-client.js';
import { batchKey, detailLines } from './detail-lines.js';
import { Interrupted } from './errors.js';
import { quotaNote } from './progress-note.js';
import { DAY_MS } from './retention.js';
import type { Session } from './session.js';
import { queueMissingThumbnails, THUMBNAIL_BACKLOG } from './thumbnail-backlog.js';
import { isFetched, type FetchedVideoLine, type VideoLine } from './video-record.js';


export interface RefreshSummary {
  readonly checked: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly removed: number;
}

interface RefreshRequest {
  readonly ids: string[];
  /** ETag of the answer these exact ids got last time. */
  readonly etag?: string;
}

/**
 * Re-fetches records older than `maxAgeDays`, oldest first, 50 per call. Videos the API no longer returns
 * lose their record (an `unavailable` line replaces it, and compaction erases the old data and thumbnail).
 * Progress is the appended lines themselves: a killed refresh picks up the records it had not reached.
 */
export async function refresh(
  session: Session,
  maxAgeDays: number,
  emit: (progress: CollectorProgress) => void,
): Promise<RefreshSummary> {
  const { store, downloader, ledger, signal, clock } = session;
  const counts = { checked: 0, updated: 0, unchanged: 0, removed: 0 };
  const api = session.api();
  const requests = await planRequests(session, clock.now() - maxAgeDays * DAY_MS);
  const total = requests.reduce((n, r) => n + r.ids.length, 0);
  try {
    await queueMissingThumbnails(session);
    for (const request of requests) {
      if (signal.aborted) throw new Interrupted();
      await downloader.settle(THUMBNAIL_BACKLOG);
      const before = new Map((await store.read(request.ids)).map((line) => [line.id, line]));
      const result = request.etag
        ? await api.videosByIdIfChanged(request.ids, request.etag)
        : { notModified: false as const, ...(await api.videosById(request.ids)) };
      const now = clock.now();
      const lines: VideoLine[] = result.notModified
        ? [...before.values()].map((line) => ({ ...line, fetchedAt: now }))
        : detailLines(request.ids, result.items, now, result.etag).map((line) =>
            isFetched(line) ? line : { ...line, unavailable: 'removed' },
          );
      await store.append(lines);
      for (const line of lines) tally(line, before.get(line.id), counts, (id, t) => downloader.enqueue(id, t));
      emit({ phase: 'refresh', done: counts.checked, total, message: quotaNote(ledger.today()) });
    }
    await downloader.settle();
  } catch (err) {
    await downloader.settle().catch(() => undefined);
    throw err;
  } finally {
    await eraseRemoved(session);
  }
  return counts;
}

function tally(
  line: VideoLine,
  before: FetchedVideoLine | undefined,
  counts: { checked: number; updated: number; unchanged: number; removed: number },
  download: (id: string, thumbnails: FetchedVideoLine['video']['thumbnails']) => void,
): void {
  counts.checked += 1;
  if (!isFetched(line)) {
    counts.removed += 1;
    return;
  }
  if (before && stableJson(before.video) === stableJson(line.video)) {
    counts.unchanged += 1;
    return;
  }
  counts.updated += 1;
  if (before?.video.thumbnails[0]?.url !== line.video.thumbnails[0]?.url) download(line.id, line.video.thumbnails);
}

/**
 * Stale records grouped for the cheapest refresh: a group of records that came from one response and are
 * all still live and stale is asked for again as is, with that response's ETag; the rest go in full batches.
 */
async function planRequests(session: Session, cutoff: number): Promise<RefreshRequest[]> {
  const byBatch = new Map<string, { ids: string[]; stale: boolean; oldest: number }>();
  for (const [id, entry] of session.store.entries()) {
    if (!entry.live || !entry.batch) continue;
    const group = byBatch.get(entry.batch) ?? { ids: [], stale: true, oldest: entry.at };
    group.ids.push(id);
    group.stale &&= entry.at <= cutoff;
    group.oldest = Math.min(group.oldest, entry.at);
    byBatch.set(entry.batch, group);
  }
  const requests: (RefreshRequest & { oldest: number })[] = [];
  const loose: { id: string; at: number }[] = [];
  for (const [batch, group] of byBatch) {
    if (group.stale && batchKey(group.ids) === batch) {
      const [first] = await session.store.read(group.ids.slice(0, 1));
      const etag = first?.fetch.etag;
      requests.push({ ids: group.ids, ...(etag ? { etag } : {}), oldest: group.oldest });
      continue;
    }
    for (const id of group.ids) {
      const at = session.store.get(id)!.at;
      if (at <= cutoff) loose.push({ id, at });
    }
  }
  loose.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  for (let i = 0; i < loose.length; i += MAX_RESULTS) {
    const chunk = loose.slice(i, i + MAX_RESULTS);
    requests.push({ ids: chunk.map((e) => e.id), oldest: chunk[0]!.at });
  }
  return requests.sort((a, b) => a.oldest - b.oldest).map(({ ids, etag }) => ({ ids, ...(etag ? { etag } : {}) }));
}

/** Compacts videos.jsonl and thumbnails so no data of removed videos stays on disk. */
async function eraseRemoved(session: Session): Promise<void> {
  await session.store.compact();
  await session.thumbnails.prune((id, thumbKey) => {
    const entry = session.store.get(id);
    return entry !== undefined && entry.live && entry.thumbKey === thumbKey;
  });
}
