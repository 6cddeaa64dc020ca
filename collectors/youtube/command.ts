import type { Got } from 'got';
import { lastValueFrom, tap } from 'rxjs';
import type { Argv } from 'yargs';
import type { CollectorProgress } from '../../core/contracts/collector.js';
import { BenchError, EXIT } from '../../core/errors.js';
import { createPluginContext } from '../../core/run/plugin-context.js';
import { systemClock, type Clock } from '../../core/services/clock.js';
import { processEnv, type Env } from '../../core/services/env.js';
import { createHttpClient } from '../../core/services/http.js';
import { createTransport } from '../../core/services/transport.js';
import { createLogger } from '../../core/services/logger.js';
import { Redactor } from '../../core/util/redact.js';
import { DEFAULT_API_ROOT, DEFAULT_KEY_ENV, DEFAULT_SEARCH_BUDGET, DEFAULT_TIMEOUT_SECONDS, INTERRUPT_GRACE_MS, type YoutubeCollectOptions } from './options.js';
import { DEFAULT_MAX_AGE_DAYS } from './retention.js';
import { DEFAULT_STATE_DIR } from './state-dir.js';

export interface CollectYoutubeArgs {
  readonly seeds?: string[];
  readonly channels?: string[];
  readonly mostPopular?: string[];
  readonly categories?: string[];
  readonly search?: string[];
  readonly searchBudget?: number;
  readonly budget?: number;
  readonly keyEnv?: string;
  readonly apiRoot?: string;
  readonly state?: string;
  readonly refresh?: boolean;
  readonly maxAge?: number;
  readonly status?: boolean;
  readonly export?: string;
  readonly topics?: 'mmsoc' | 'all';
  readonly since?: string;
  readonly thumbnailConcurrency?: number;
  readonly maxAttempts?: number;
  readonly timeout?: number;
  readonly debug?: boolean;
}

export interface CollectYoutubeDeps {
  readonly env: Env;
  readonly clock: Clock;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly http?: Got;
  /** Least milliseconds between two progress lines. */
  readonly progressEveryMs?: number;
}

const defaultDeps: CollectYoutubeDeps = {
  env: processEnv,
  clock: systemClock,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * `bench collect youtube`: the handler returns the exit code (0 done, 2 usage or config error, 3 stopped by
 * quota or budget and resumable, 130 interrupted, 1 the API kept failing). Progress goes to stderr, the summary
 * to stdout, errors as one redacted line.
 */
export function createCollectYoutubeCommand(deps: CollectYoutubeDeps = defaultDeps) {
  return {
    command: 'youtube',
    describe: 'Build and refresh the tagging dataset from the YouTube Data API, within quota (docs/youtube.md)',
    builder: (y: Argv) =>
      y
        .option('seeds', { type: 'string', array: true, describe: 'File of video ids or YouTube URLs, one per line (repeatable)' })
        .option('channels', { type: 'string', array: true, describe: 'File of channel ids, @handles or channel URLs' })
        .option('most-popular', { type: 'string', array: true, describe: 'Region codes for chart=mostPopular, e.g. US,GB' })
        .option('categories', { type: 'string', array: true, describe: 'Category ids for --most-popular, or "all"' })
        .option('search', { type: 'string', array: true, describe: 'search.list query (repeatable; 100 units a page)' })
        .option('search-budget', { type: 'number', default: DEFAULT_SEARCH_BUDGET, describe: 'Units search.list may spend per Pacific day' })
        .option('budget', { type: 'number', describe: 'Most units to spend per Pacific day, all calls together' })
        .option('since', { type: 'string', describe: 'Channel cutoff date: older uploads are not followed' })
        .option('key-env', { type: 'string', default: DEFAULT_KEY_ENV, describe: 'Environment variable holding the API key' })
        .option('api-root', { type: 'string', default: DEFAULT_API_ROOT, describe: 'Data API root URL' })
        .option('state', { type: 'string', default: DEFAULT_STATE_DIR, describe: 'State directory (checkpoint, videos.jsonl, thumbnails)' })
        .option('refresh', { type: 'boolean', default: false, describe: 'Re-fetch records older than --max-age days; delete vanished videos' })
        .option('max-age', { type: 'number', default: DEFAULT_MAX_AGE_DAYS, describe: 'Age in days after which --refresh re-fetches a record' })
        .option('status', { type: 'boolean', default: false, describe: 'Print counts, quota used today and the oldest record age' })
        .option('export', { type: 'string', describe: 'Write the tagging dataset (Hub-style parquet) to this folder' })
        .option('topics', { choices: ['mmsoc', 'all'] as const, default: 'mmsoc' as const, describe: 'Topics kept by --export' })
        .option('thumbnail-concurrency', { type: 'number', default: 8, describe: 'Thumbnail downloads at a time' })
        .option('max-attempts', { type: 'number', default: 5, describe: 'Attempts per request on rate limits, 5xx, timeouts, network errors and garbled answers' })
        .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_SECONDS, describe: 'Seconds one request may wait for its answer' }),
    handler: async (argv: CollectYoutubeArgs): Promise<number> => {
      const redactor = new Redactor();
      const logger = createLogger({ level: argv.debug ? 'debug' : 'info', redactor, write: (line) => deps.stderr(line + '\n') });
      const abort = new AbortController();
      const onSigint = () => {
        deps.stderr(`interrupted: finishing the call in flight (at most ${INTERRUPT_GRACE_MS / 1000} s) and saving state\n`);
        abort.abort();
      };
      process.once('SIGINT', onSigint);
      const context = {
        ...createPluginContext({ logger, http: deps.http ?? createHttpClient(), transport: createTransport(), env: deps.env, redactor, signal: abort.signal }),
        stateDir: argv.state ?? DEFAULT_STATE_DIR,
      };
      const print = progressPrinter(deps, redactor);
      try {
        const options = { ...optionsFrom(argv), clock: deps.clock };
        // The API client is heavy: loaded only when this command runs, not at every `bench` start.
        const { youtubeCollector } = await import('./collector.js');
        await lastValueFrom(youtubeCollector.run(options, context).pipe(tap((p) => print.write(p))), { defaultValue: undefined });
        return EXIT.done;
      } catch (err) {
        deps.stderr(redactor.redact(`error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`) + '\n');
        return err instanceof BenchError ? err.exitCode : EXIT.someFailed;
      } finally {
        process.off('SIGINT', onSigint);
      }
    },
  };
}

/**
 * Summary to stdout; progress to stderr, at most one line every `progressEveryMs` whatever its phase (a crawl
 * alternates phases on every call, so a limit per phase would print a line per call).
 */
function progressPrinter(deps: CollectYoutubeDeps, redactor: Redactor) {
  const every = deps.progressEveryMs ?? 1_000;
  let lastAt: number | undefined;
  return {
    write(p: CollectorProgress): void {
      if (p.phase === 'summary') {
        if (p.message) deps.stdout(redactor.redact(p.message) + '\n');
        return;
      }
      const now = deps.clock.now();
      if (lastAt !== undefined && now - lastAt < every) return;
      lastAt = now;
      const count = `${p.done}${p.total === undefined ? '' : `/${p.total}`}`;
      deps.stderr(redactor.redact(`${p.phase} ${count}${p.message ? `, ${p.message}` : ''}`) + '\n');
    },
  };
}

export const collectYoutubeCommand = createCollectYoutubeCommand();

/** The command's options that the collector takes as they are (yargs also gives them camel-cased). */
const PASSED_ON = [
  'seeds', 'channels', 'mostPopular', 'categories', 'search', 'searchBudget', 'budget', 'keyEnv', 'apiRoot', 'refresh',
  'maxAge', 'status', 'export', 'topics', 'since', 'thumbnailConcurrency', 'maxAttempts', 'timeout',
] as const satisfies readonly (keyof CollectYoutubeArgs & keyof YoutubeCollectOptions)[];

function optionsFrom(argv: CollectYoutubeArgs): YoutubeCollectOptions {
  return Object.fromEntries(PASSED_ON.flatMap((key) => (argv[key] === undefined ? [] : [[key, argv[key]]])));
}
