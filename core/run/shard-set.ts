import type { RunStatus } from '../store/run-store.js';

/** What `bench merge` needs to know of each input run. */
export interface ShardRun {
  readonly dir: string;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly status: RunStatus;
}

/**
 * Why `runs` are not the shards `0..n-1` of one `--shard i/n` config, each once and finished: one
 * phrase per problem (empty when they are). A merge of an incomplete set would report metrics over
 * part of the data as if it were all of it.
 */
export function shardSetProblems(runs: readonly ShardRun[]): string[] {
  const problems: string[] = [];
  const shards = runs.filter((run) => run.shard);
  for (const run of runs) if (!run.shard) problems.push(`${run.dir} is not a shard (a run without --shard)`);

  const counts = [...new Set(shards.map((run) => run.shard!.count))].sort((a, b) => a - b);
  if (counts.length > 1) problems.push(`the shards split the data differently (${counts.map((n) => `into ${n}`).join(', ')})`);
  const count = counts.at(-1);
  if (count !== undefined) {
    const byIndex = new Map<number, string[]>();
    for (const run of shards) if (run.shard!.count === count) byIndex.set(run.shard!.index, [...(byIndex.get(run.shard!.index) ?? []), run.dir]);
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
    if (missing.length) problems.push(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`);
    for (const [index, dirs] of [...byIndex].sort(([a], [b]) => a - b)) {
      if (dirs.length > 1) problems.push(`shard ${index}/${count} given ${dirs.length} times (${dirs.join(', ')})`);
    }
  }
  for (const run of shards) {
    if (run.status !== 'done') problems.push(`shard ${run.shard!.index}/${run.shard!.count} (${run.dir}) is ${run.status}, not done: rerun it to finish`);
  }
  return problems;
}
