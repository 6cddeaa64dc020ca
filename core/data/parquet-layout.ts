import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** A shard of the Hub's own naming: `<split>-00000-of-00003.parquet`, sometimes with a hash suffix. */
const SHARD = /^(?<split>.+?)-\d+-of-\d+(?:-[^.]+)?\.parquet$/;
const PARQUET = '.parquet';

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

const byShardOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** `data/<split>-NNNNN-of-NNNNN.parquet` (and `data/<split>.parquet`): the layout `datasets` pushes. */
function flatShards(root: string): Map<string, string[]> {
  const splits = new Map<string, string[]>();
  for (const entry of entries(join(root, 'data'))) {
    if (!entry.isFile() || !entry.name.endsWith(PARQUET)) continue;
    const split = SHARD.exec(entry.name)?.groups?.split ?? entry.name.slice(0, -PARQUET.length);
    splits.set(split, [...(splits.get(split) ?? []), join('data', entry.name)]);
  }
  return splits;
}

/**
 * `<dir>/<split>/*.parquet`: the parquet-converter's layout and hand-made folders. `data/` itself is
 * never a split, nor are hidden folders (tool caches).
 */
function folderShards(root: string, dir: string): Map<string, string[]> {
  const splits = new Map<string, string[]>();
  for (const folder of entries(join(root, dir))) {
    if (!folder.isDirectory() || folder.name.startsWith('.') || (dir === '.' && folder.name === 'data')) continue;
    const files = entries(join(root, dir, folder.name))
      .filter((entry) => entry.isFile() && entry.name.endsWith(PARQUET))
      .map((entry) => join(dir, folder.name, entry.name));
    if (files.length) splits.set(folder.name, files);
  }
  return splits;
}

/**
 * The parquet files of each split, relative to `root`, shards in order. When a split shows up in
 * more than one layout, the first of `data/<split>-*`, `data/<split>/`, `<split>/` wins, so a
 * stray copy is never read twice.
 */
export function parquetSplits(root: string): Map<string, string[]> {
  const splits = new Map<string, string[]>();
  for (const layout of [flatShards(root), folderShards(root, 'data'), folderShards(root, '.')]) {
    for (const [split, files] of layout) {
      if (!splits.has(split)) splits.set(split, [...files].sort(byShardOrder));
    }
  }
  return splits;
}
