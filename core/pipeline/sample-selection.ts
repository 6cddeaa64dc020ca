import { createHash } from 'node:crypto';
import type { LoadedItem } from '../contracts/sample.js';

/** `--sample N --seed S`: N samples of a split, drawn at random but the same for the same seed. */
export interface SampleSelection {
  readonly size: number;
  readonly seed: number;
}

function rank(seed: number, id: string): bigint {
  return createHash('sha256').update(`${seed}\u0000${id}`).digest().readBigUInt64BE(0);
}

/**
 * The ids of the selection: the `size` items whose seeded hash of their id is smallest. One pass
 * over the split holding only `size` ids (images are not read); independent of the order the data
 * is read in, so shards and resumed runs select the same samples.
 */
export async function selectSample(items: AsyncIterable<LoadedItem>, selection: SampleSelection): Promise<Set<string>> {
  const kept: Array<{ id: string; rank: bigint }> = [];
  let worst = -1n;
  for await (const item of items) {
    const r = rank(selection.seed, item.id);
    if (kept.length < selection.size) {
      kept.push({ id: item.id, rank: r });
      if (r > worst) worst = r;
      continue;
    }
    if (r >= worst) continue;
    // Replace the current worst; sizes are small next to the split, so a linear scan is enough.
    const at = kept.findIndex((k) => k.rank === worst);
    kept[at] = { id: item.id, rank: r };
    worst = kept.reduce((max, k) => (k.rank > max ? k.rank : max), -1n);
  }
  return new Set(kept.map((k) => k.id));
}
