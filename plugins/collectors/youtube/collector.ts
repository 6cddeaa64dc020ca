import { UsageError, type CollectorContext, type CollectorProgress } from 'mmsoc-bench';
import { Observable } from 'rxjs';
import { COLLECTOR_BACKOFF } from './backoff.js';
import { crawl } from './crawl.js';
import { exportTaggingDataset } from './export.js';
import { hasSeeds, resolveOptions, wantsCrawl, type ResolvedOptions, type YoutubeCollectOptions } from './options.js';
import { pacificDay } from './pacific-time.js';
import { quotaNote } from './progress-note.js';
import { refresh } from './refresh.js';
import { mergeSeeds, planSeeds } from './seed-plan.js';
import { openSession, type Session } from './session.js';
import { requireState } from './state-dir.js';
import { collectStatus, formatStatus } from './status.js';

/**
 * The collector's work: crawl the seeds, refresh, report status and export, in that order, as the options ask.
 * Emits progress; the last event (phase `summary`) carries the summary text, also when the run ends with an
 * error (QuotaStop: exit 3, Interrupted: 130, UsageError: 2).
 */
export function collectYoutube(options: YoutubeCollectOptions, context: CollectorContext): Observable<CollectorProgress> {
  return new Observable<CollectorProgress>((subscriber) => {
    const abort = new AbortController();
    const forward = () => abort.abort(context.signal.reason);
    if (context.signal.aborted) forward();
    else context.signal.addEventListener('abort', forward, { once: true });
    execute(options, context, abort.signal, (p) => subscriber.next(p)).then(
      () => subscriber.complete(),
      (err: unknown) => subscriber.error(err),
    );
    return () => {
      context.signal.removeEventListener('abort', forward);
      abort.abort();
    };
  });
}

async function execute(
  raw: YoutubeCollectOptions,
  context: CollectorContext,
  signal: AbortSignal,
  emit: (progress: CollectorProgress) => void,
): Promise<void> {
  const options = resolveOptions(raw);
  const clock = context.clock;
  const key = context.secret(options.keyEnv);
  const summary: string[] = [];
  const finish = () => emit({ phase: 'summary', done: summary.length, message: summary.join('\n') });
  // Only new seeds start a state directory: status, export, refresh or continuing one that is not there
  // would otherwise create it empty (and an export would replace a good dataset with an empty one).
  if (!hasSeeds(options)) await requireState(context.stateDir);
  try {
    if (wantsCrawl(options) || options.refresh || options.status) {
      const session = await openSession(
        { ...options, backoff: COLLECTOR_BACKOFF, stateDir: context.stateDir },
        {
          clock,
          signal,
          get: context.getWithRetries,
          redactor: context,
          key: () => {
            if (!key) throw new UsageError(`no YouTube API key: set the environment variable ${options.keyEnv} (see --key-env)`);
            return key;
          },
        },
      );
      try {
        await runSteps(session, options, emit, summary);
      } finally {
        await session.close();
      }
    }
    if (options.export) {
      const result = await exportTaggingDataset({
        stateDir: context.stateDir,
        outDir: options.export,
        topics: options.topics,
        now: clock.now(),
      });
      const { noTopics, noThumbnail, expired } = result.skipped;
      summary.push(
        `export: ${Object.entries(result.rows).map(([split, n]) => `${split} ${n}`).join(', ')} rows in ${options.export}; ` +
          `left out: ${noTopics} without a ${options.topics === 'mmsoc' ? 'MM-Soc ' : ''}topic, ${noThumbnail} without a thumbnail, ` +
          `${expired} older than 30 days`,
      );
    }
  } finally {
    finish();
  }
}

async function runSteps(
  session: Session,
  options: ResolvedOptions,
  emit: (progress: CollectorProgress) => void,
  summary: string[],
): Promise<void> {
  const start = session.store.counts();
  const describeRun = () => {
    const now = session.store.counts();
    const stored = `${now.live} videos stored (${signed(now.live - start.live)}), ${now.unavailable} unavailable (${signed(now.unavailable - start.unavailable)})`;
    return `${stored}; ${quotaNote(session.ledger.today())}`;
  };
  try {
    if (wantsCrawl(options)) {
      mergeSeeds(session.checkpoint.data.seeds, await planSeeds(options, pacificDay(session.clock.now())));
      await session.checkpoint.save();
      await crawl(session, emit);
    }
    if (options.refresh) {
      const r = await refresh(session, options.maxAge, emit);
      summary.push(`refresh: ${r.checked} checked, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed`);
    }
  } finally {
    summary.unshift(describeRun());
  }
  if (options.status) summary.push(formatStatus(await collectStatus(session)));
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}
