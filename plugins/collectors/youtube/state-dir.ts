import { access } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from 'mmsoc-bench';

export const DEFAULT_STATE_DIR = '.bench/youtube';

/** Where the collector keeps its state; one folder per dataset being built. */
export interface StatePaths {
  readonly root: string;
  /** lowdb document: seed cursors, queued ids, quota ledger, cached categories. */
  readonly checkpoint: string;
  /** Append-only: one line per fetched video or per id found unavailable; the last line for an id wins. */
  readonly videos: string;
  /** Append-only: one line per downloaded (or failed) thumbnail. */
  readonly thumbnailLog: string;
  /** Content-addressed thumbnail files, `<sha256>.jpg`. */
  readonly thumbnailDir: string;
  /** Append-only: seeds the API refused (channel not found, chart missing...). */
  readonly errors: string;
}

export function statePaths(root: string): StatePaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    checkpoint: path.join(abs, 'checkpoint.json'),
    videos: path.join(abs, 'videos.jsonl'),
    thumbnailLog: path.join(abs, 'thumbnails.jsonl'),
    thumbnailDir: path.join(abs, 'thumbnails'),
    errors: path.join(abs, 'errors.jsonl'),
  };
}

/** Refuses a state directory that no crawl has started (no checkpoint), without creating anything. */
export async function requireState(root: string): Promise<void> {
  const { root: abs, checkpoint } = statePaths(root);
  const found = await access(checkpoint).then(() => true, () => false);
  if (!found) {
    throw new UsageError(
      `no collector state in ${abs} (no checkpoint.json): pass the --state of an earlier crawl, or start one with --seeds, --channels, --most-popular or --search`,
    );
  }
}
