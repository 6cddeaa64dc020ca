import type { youtube_v3 } from '@googleapis/youtube';
import type { VideoCategory, YoutubeApi } from './api-client.js';
import type { CheckpointData } from './checkpoint.js';
import { ApiItemError } from './errors.js';
import { readFileSeed } from './seed-file-reader.js';
import { chartSeedKey, type ChannelSeed, type ChartSeed, type SearchSeed, type SeedState } from './seed-state.js';

const CATEGORY_CACHE_MS = 30 * 24 * 3600 * 1000;

export interface SeedPullContext {
  readonly api: YoutubeApi;
  readonly state: CheckpointData;
  /** Queues the ids never seen before. */
  enqueue(ids: readonly string[]): void;
  /** True once a videos.list batch can be filled: seeds stop reading ahead of the fetcher. */
  queueFull(): boolean;
  /** Stores full video resources (charts return them) whose ids were never seen before. */
  storeVideos(items: readonly youtube_v3.Schema$Video[]): Promise<void>;
  now(): number;
}

/**
 * Advances one seed by one step (a stretch of a file, or one API page), moving its cursor. The caller saves
 * the checkpoint afterwards, so cursor and queued ids are persisted together.
 */
export async function pullSeed(seed: SeedState, ctx: SeedPullContext): Promise<void> {
  switch (seed.kind) {
    case 'file':
      return readFileSeed(seed, (ids) => ctx.enqueue(ids), () => ctx.queueFull());
    case 'channel':
      return pullChannel(seed, ctx);
    case 'chart':
      return seed.category === 'all' ? expandCategories(seed, ctx) : pullChart(seed, ctx);
    case 'search':
      return pullSearch(seed, ctx);
  }
}

async function pullChannel(seed: ChannelSeed, ctx: SeedPullContext): Promise<void> {
  if (!seed.playlistId) {
    const playlistId = await ctx.api.uploadsPlaylist(seed.ref);
    if (!playlistId) throw new ApiItemError('channelNotFound', 404, `channels.list: no channel ${seed.ref.value}`);
    seed.playlistId = playlistId;
    return;
  }
  const page = await ctx.api.playlistPage(seed.playlistId, seed.pageToken);
  // The uploads playlist runs newest first: the first upload older than the cutoff ends the walk.
  const cutoff = seed.since ? Date.parse(seed.since) : undefined;
  const fresh = page.items.filter((e) => cutoff === undefined || !e.publishedAt || Date.parse(e.publishedAt) >= cutoff);
  ctx.enqueue(fresh.map((e) => e.videoId));
  advance(seed, fresh.length < page.items.length ? undefined : page.nextPageToken);
}

async function pullChart(seed: ChartSeed, ctx: SeedPullContext): Promise<void> {
  const page = await ctx.api.chartPage(seed.region, seed.category, seed.pageToken);
  await ctx.storeVideos(page.items);
  advance(seed, page.nextPageToken);
}

async function pullSearch(seed: SearchSeed, ctx: SeedPullContext): Promise<void> {
  const page = await ctx.api.searchPage(seed.query, seed.pageToken);
  ctx.enqueue(page.items);
  advance(seed, page.nextPageToken);
}

/** Replaces a `category all` chart seed by one seed per assignable category of its region. */
async function expandCategories(seed: ChartSeed, ctx: SeedPullContext): Promise<void> {
  const categories = await categoriesOf(seed.region, ctx);
  const seeds = ctx.state.seeds;
  const added = categories
    .filter((c) => c.assignable)
    .map(
      (c): ChartSeed => ({
        kind: 'chart',
        key: chartSeedKey(seed.region, c.id, seed.day),
        region: seed.region,
        category: c.id,
        day: seed.day,
        done: false,
      }),
    )
    .filter((s) => !seeds.some((known) => known.key === s.key));
  seeds.splice(seeds.indexOf(seed) + 1, 0, ...added);
  seed.done = true;
}

async function categoriesOf(region: string, ctx: SeedPullContext): Promise<VideoCategory[]> {
  const cached = ctx.state.categories[region];
  if (cached && ctx.now() - cached.fetchedAt < CATEGORY_CACHE_MS) return cached.items;
  const items = await ctx.api.videoCategories(region);
  ctx.state.categories[region] = { fetchedAt: ctx.now(), items };
  return items;
}

function advance(seed: ChannelSeed | ChartSeed | SearchSeed, nextPageToken: string | undefined): void {
  if (nextPageToken) seed.pageToken = nextPageToken;
  else {
    delete seed.pageToken;
    seed.done = true;
  }
}
