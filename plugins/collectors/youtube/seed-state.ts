import type { ChannelRef } from './video-url.js';

/**
 * A seed and its cursor, as the checkpoint stores it. Cursors advance in the same checkpoint write that queues
 * the ids a page yielded, so a crash never loses ids nor pays twice for a page whose ids were queued.
 */
export type SeedState = FileSeed | ChannelSeed | ChartSeed | SearchSeed;

interface SeedBase {
  readonly key: string;
  done: boolean;
  /** Why the API refused this seed, when it did (it is then done). */
  error?: string;
}

/** A file of video ids or URLs, read from a byte offset. */
export interface FileSeed extends SeedBase {
  readonly kind: 'file';
  readonly path: string;
  /** Content hash when the cursor was set: an edited file is read again from the start. */
  hash: string;
  offset: number;
  /** Lines holding no video id. */
  unparsedLines: number;
}

/** A channel's uploads playlist, newest first, down to `since`. */
export interface ChannelSeed extends SeedBase {
  readonly kind: 'channel';
  readonly ref: ChannelRef;
  readonly since?: string;
  playlistId?: string;
  pageToken?: string;
}

/**
 * `chart=mostPopular` in one region on one Pacific day (charts change daily, so each day's run walks them
 * anew); category `all` expands into one seed per assignable category of the region.
 */
export interface ChartSeed extends SeedBase {
  readonly kind: 'chart';
  readonly region: string;
  readonly category?: string;
  readonly day: string;
  pageToken?: string;
}

export interface SearchSeed extends SeedBase {
  readonly kind: 'search';
  readonly query: string;
  pageToken?: string;
}

export function describeSeed(seed: SeedState): string {
  switch (seed.kind) {
    case 'file':
      return `seed file ${seed.path}`;
    case 'channel':
      return `channel ${seed.ref.value}`;
    case 'chart':
      return `mostPopular ${seed.region}${seed.category ? ` category ${seed.category}` : ''} (${seed.day})`;
    case 'search':
      return `search "${seed.query}"`;
  }
}

export function chartSeedKey(region: string, category: string | undefined, day: string): string {
  return `chart:${region}:${category ?? '-'}:${day}`;
}
