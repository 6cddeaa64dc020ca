import type { youtube_v3 } from '@googleapis/youtube';
import type { CollectorProgress } from 'mmsoc-bench';
import { MAX_RESULTS } from './api-client.js';
import { detailLines } from './detail-lines.js';
import { ApiItemError, ApiUnavailable, Interrupted, QuotaStop, SearchBudgetSpent } from './errors.js';
import { quotaNote, seedFileSizes, seedFilesNote } from './progress-note.js';
import { verifyFileSeed } from './seed-plan.js';
import { pullSeed, type SeedPullContext } from './seed-pull.js';
import { describeSeed, type SeedState } from './seed-state.js';
import type { Session } from './session.js';
import { queueMissingThumbnails, THUMBNAIL_BACKLOG } from './thumbnail-backlog.js';
import { isFetched, type VideoLine } from './video-record.js';

/**
 * Walks the checkpoint's seeds, fetching details 50 ids per videos.list call, until every seed is done.
 * One API call at a time: quota, not latency, bounds a crawl, and a kill then wastes at most one call.
 * Each step appends its rows first and saves the checkpoint second; on restart, queued ids already in
 * videos.jsonl are dropped, so no finished work is fetched (or paid for) again.
 */
export async function crawl(session: Session, emit: (progress: CollectorProgress) => void): Promise<void> {
  const { checkpoint, store, downloader, ledger, signal, clock } = session;
  const state = checkpoint.data;
  for (const seed of state.seeds) if (seed.kind === 'file' && !seed.done) await verifyFileSeed(seed);
  const queued = new Set<string>();
  state.queue = state.queue.filter((id) => !store.has(id) && !queued.has(id) && queued.add(id));
  await checkpoint.save();

  const sizes = await seedFileSizes(state.seeds);
  const report = (phase: string) => {
    const message = [quotaNote(ledger.today()), seedFilesNote(state.seeds, sizes)].filter(Boolean).join(', ');
    emit({ phase, done: store.size, total: store.size + state.queue.length, message });
  };
  const storeLines = async (lines: VideoLine[]) => {
    await store.append(lines);
    for (const line of lines) if (isFetched(line)) downloader.enqueue(line.id, line.video.thumbnails);
  };
  const ctx: SeedPullContext = {
    api: session.api(),
    state,
    enqueue: (ids) => {
      for (const id of ids) {
        if (store.has(id) || queued.has(id)) continue;
        queued.add(id);
        state.queue.push(id);
      }
    },
    queueFull: () => state.queue.length >= MAX_RESULTS,
    storeVideos: (items: readonly youtube_v3.Schema$Video[]) => {
      const fresh = items.filter((item) => item.id && !store.has(item.id) && !queued.has(item.id));
      return storeLines(detailLines(fresh.map((item) => item.id!), fresh, clock.now()));
    },
    now: () => clock.now(),
  };

  const fetchNextBatch = async () => {
    await downloader.settle(THUMBNAIL_BACKLOG);
    const ids = state.queue.slice(0, MAX_RESULTS);
    let lines: VideoLine[];
    try {
      const { items, etag } = await ctx.api.videosById(ids);
      lines = detailLines(ids, items, clock.now(), etag);
    } catch (err) {
      // The API leaves unavailable ids out of its answer; an error refuses the request, not its ids, which
      // stay queued for the next run.
      if (err instanceof ApiItemError) throw new ApiUnavailable(`${err.message} (${err.reason}); its ${ids.length} ids stay queued`);
      throw err;
    }
    await storeLines(lines);
    state.queue.splice(0, ids.length);
    for (const id of ids) queued.delete(id);
    await checkpoint.save();
    report('details');
  };

  const recordSeedError = async (seed: SeedState, err: ApiItemError) => {
    await session.errors.append([{ seed: describeSeed(seed), reason: err.reason, message: err.message, at: clock.now() }]);
    seed.done = true;
    seed.error = err.reason;
  };

  try {
    await queueMissingThumbnails(session);
    let searchPaused: SearchBudgetSpent | undefined;
    for (;;) {
      if (signal.aborted) throw new Interrupted();
      const seed = state.seeds.find((s) => !s.done && !(searchPaused && s.kind === 'search'));
      if (state.queue.length >= MAX_RESULTS || (state.queue.length > 0 && !seed)) {
        await fetchNextBatch();
        continue;
      }
      if (!seed) break;
      try {
        await pullSeed(seed, ctx);
      } catch (err) {
        if (err instanceof SearchBudgetSpent) searchPaused = err;
        else if (err instanceof ApiItemError) await recordSeedError(seed, err);
        else throw err;
      }
      await checkpoint.save();
      report('seeds');
    }
    if (searchPaused) throw new QuotaStop(searchPaused.limit, ledger.resumeAt());
    await downloader.settle();
  } catch (err) {
    // Stopping for quota or a signal still keeps every thumbnail already under way.
    await downloader.settle().catch(() => undefined);
    throw err;
  } finally {
    await checkpoint.save();
  }
}
