import { readJsonl } from './jsonl.js';
import { formatLocalAndUtc } from './pacific-time.js';
import { DAY_MS, RETENTION_DAYS } from './retention.js';
import type { Session } from './session.js';

export interface CollectorStatus {
  readonly stateDir: string;
  readonly videos: number;
  readonly unavailable: number;
  /** Age of the oldest live record, in days (undefined: no records). */
  readonly oldestDays?: number;
  /** Live records past the 30-day limit: refresh them or delete them. */
  readonly overRetention: number;
  readonly queued: number;
  readonly seeds: { readonly done: number; readonly total: number; readonly failed: number; readonly unparsedLines: number };
  readonly thumbnails: { readonly stored: number; readonly failed: number; readonly missing: number };
  readonly quota: { readonly day: string; readonly search: number; readonly other: number; readonly total: number; readonly exhausted?: string };
  readonly quotaResetsAt: number;
  readonly seedErrors: number;
}

/** Counts what the state directory holds, without calling the API. */
export async function collectStatus(session: Session): Promise<CollectorStatus> {
  const now = session.clock.now();
  let videos = 0;
  let unavailable = 0;
  let oldest: number | undefined;
  let overRetention = 0;
  let missing = 0;
  for (const [id, entry] of session.store.entries()) {
    if (!entry.live) {
      unavailable += 1;
      continue;
    }
    videos += 1;
    oldest = Math.min(oldest ?? entry.at, entry.at);
    if (now - entry.at > RETENTION_DAYS * DAY_MS) overRetention += 1;
    if (entry.thumbKey !== 0 && !session.thumbnails.isSettled(id, entry.thumbKey)) missing += 1;
  }
  let seedErrors = 0;
  for await (const _ of readJsonl(session.paths.errors)) seedErrors += 1;
  const { seeds, queue } = session.checkpoint.data;
  return {
    stateDir: session.paths.root,
    videos,
    unavailable,
    ...(oldest === undefined ? {} : { oldestDays: (now - oldest) / DAY_MS }),
    overRetention,
    queued: queue.length,
    seeds: {
      done: seeds.filter((s) => s.done).length,
      total: seeds.length,
      failed: seeds.filter((s) => s.error).length,
      unparsedLines: seeds.reduce((n, s) => n + (s.kind === 'file' ? s.unparsedLines : 0), 0),
    },
    thumbnails: { ...session.thumbnails.counts(), missing },
    quota: session.ledger.today(),
    quotaResetsAt: session.ledger.resumeAt(),
    seedErrors,
  };
}

export function formatStatus(s: CollectorStatus): string {
  const age =
    s.oldestDays === undefined
      ? 'no records yet'
      : `oldest record ${s.oldestDays.toFixed(1)} days old, ${s.overRetention} older than ${RETENTION_DAYS} days` +
        (s.overRetention > 0 ? ' (refresh or delete them: API terms)' : '');
  return [
    `state: ${s.stateDir}`,
    `videos: ${s.videos} stored, ${s.unavailable} unavailable; ${age}`,
    `seeds: ${s.seeds.done}/${s.seeds.total} done, ${s.seeds.failed} refused by the API (${s.seedErrors} errors recorded), ` +
      `${s.seeds.unparsedLines} seed-file lines without a video id; ${s.queued} ids queued`,
    `thumbnails: ${s.thumbnails.stored} stored, ${s.thumbnails.failed} failed, ${s.thumbnails.missing} missing`,
    `quota today (${s.quota.day} Pacific): ${s.quota.total} units (other ${s.quota.other}, search ${s.quota.search})` +
      (s.quota.exhausted ? `, exhausted (${s.quota.exhausted})` : '') +
      `; resets ${formatLocalAndUtc(s.quotaResetsAt)}`,
  ].join('\n');
}
