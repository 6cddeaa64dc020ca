import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

/** One of `count` disjoint parts of every split: `--shard index/count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (0 <= i < n), as `--shard` takes it. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) throw new UsageError(`--shard: expected i/n with 0 <= i < n (e.g. 0/4), got '${text}'`);
  return { index, count };
}

/**
 * Whether a sample belongs to a shard: by a hash of its id, so every process of a sharded run agrees
 * without talking to the others, whatever order it reads the data in.
 */
export function inShard(id: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  return createHash('sha256').update(id).digest().readUInt32BE(0) % shard.count === shard.index;
}
