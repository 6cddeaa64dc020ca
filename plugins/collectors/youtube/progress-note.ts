import { stat } from 'node:fs/promises';
import type { QuotaToday } from './quota-ledger.js';
import type { SeedState } from './seed-state.js';

/** `quota today 31 units (other 31, search 0), 9969 left of 10000`: the tail of every progress line. */
export function quotaNote(today: QuotaToday): string {
  return `quota today ${today.total} units (other ${today.other}, search ${today.search}), ${today.left} left of ${today.limit}`;
}

/** The size of each seed file still on disk, by seed key: what `seedFilesNote` measures progress against. */
export async function seedFileSizes(seeds: readonly SeedState[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const seed of seeds) {
    if (seed.kind !== 'file') continue;
    const size = await stat(seed.path).then((s) => s.size, () => undefined);
    if (size !== undefined) sizes.set(seed.key, size);
  }
  return sizes;
}

/** `seed files 42% read`, by bytes over all seed files; undefined when there are none. */
export function seedFilesNote(seeds: readonly SeedState[], sizes: ReadonlyMap<string, number>): string | undefined {
  let read = 0;
  let total = 0;
  for (const seed of seeds) {
    const size = sizes.get(seed.key);
    if (seed.kind !== 'file' || size === undefined) continue;
    total += size;
    read += seed.done ? size : Math.min(seed.offset, size);
  }
  return total === 0 ? undefined : `seed files ${Math.floor((100 * read) / total)}% read`;
}
