import { type Backoff, type Clock, type PluginContext } from 'mmsoc-bench';
import { YoutubeApi } from './api-client.js';
import { Checkpoint } from './checkpoint.js';
import { JsonlAppender } from './jsonl.js';
import { INTERRUPT_GRACE_MS } from './options.js';
import { QuotaLedger } from './quota-ledger.js';
import { lockStateDir } from './state-lock.js';
import { statePaths, type StatePaths } from './state-dir.js';
import { ThumbnailDownloader, ThumbnailStore } from './thumbnails.js';
import { VideoStore } from './video-store.js';

export interface SessionSettings {
  readonly stateDir: string;
  readonly apiRoot: string;
  readonly budget?: number;
  readonly searchBudget: number;
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  /** Seconds one request (API call or thumbnail download) may wait for its answer. */
  readonly timeout: number;
  readonly thumbnailConcurrency: number;
}

export interface SessionDeps {
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly get: PluginContext['getWithRetries'];
  readonly redactor: Pick<PluginContext, 'redact'>;
  /** The API key; throws a usage error naming the variable when it is not set. Asked only when a call is due. */
  readonly key: () => string;
}

/** Everything one run works on: the locked state directory's stores, the quota ledger and the API. */
export interface Session {
  readonly paths: StatePaths;
  readonly checkpoint: Checkpoint;
  readonly ledger: QuotaLedger;
  readonly store: VideoStore;
  readonly thumbnails: ThumbnailStore;
  readonly downloader: ThumbnailDownloader;
  readonly errors: JsonlAppender;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly redactor: Pick<PluginContext, 'redact'>;
  api(): YoutubeApi;
  close(): Promise<void>;
}

export async function openSession(settings: SessionSettings, deps: SessionDeps): Promise<Session> {
  const paths = statePaths(settings.stateDir);
  const unlock = await lockStateDir(paths.root);
  try {
    const { clock, signal, redactor } = deps;
    const checkpoint = await Checkpoint.open(paths.checkpoint, clock.now());
    const ledger = new QuotaLedger(
      checkpoint.data.quota,
      { ...(settings.budget === undefined ? {} : { budget: settings.budget }), searchBudget: settings.searchBudget },
      () => clock.now(),
    );
    const store = await VideoStore.open(paths.videos);
    const thumbnails = await ThumbnailStore.open(paths.thumbnailLog, paths.thumbnailDir);
    const errors = await JsonlAppender.open(paths.errors);
    const downloader = new ThumbnailDownloader({
      get: deps.get,
      store: thumbnails,
      concurrency: settings.thumbnailConcurrency,
      maxAttempts: settings.maxAttempts,
      backoff: settings.backoff,
      timeoutMs: settings.timeout * 1000,
      clock,
      signal,
    });
    let api: YoutubeApi | undefined;
    return {
      paths,
      checkpoint,
      ledger,
      store,
      thumbnails,
      downloader,
      errors,
      clock,
      signal,
      redactor,
      api: () =>
        (api ??= new YoutubeApi({
          key: deps.key(),
          rootUrl: settings.apiRoot,
          ledger,
          persist: () => checkpoint.save(),
          redactor,
          clock,
          maxAttempts: settings.maxAttempts,
          backoff: settings.backoff,
          timeoutMs: settings.timeout * 1000,
          signal,
          graceMs: INTERRUPT_GRACE_MS,
        })),
      close: async () => {
        await checkpoint.save();
        await Promise.all([store.close(), thumbnails.close(), errors.close()]);
        await unlock();
      },
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}
