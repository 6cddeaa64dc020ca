import { formatIssues, UsageError, z } from 'mmsoc-bench';
import { DEFAULT_MAX_AGE_DAYS } from './retention.js';

export const DEFAULT_KEY_ENV = 'YOUTUBE_API_KEY';
export const DEFAULT_API_ROOT = 'https://youtube.googleapis.com/';
/** Ten searches a day out of the default 10,000 units. */
export const DEFAULT_SEARCH_BUDGET = 1_000;

export const DEFAULT_TIMEOUT_SECONDS = 30;
/** After Ctrl-C, how long the API call in flight may still take: its answer is paid for, a hung one is given up. */
export const INTERRUPT_GRACE_MS = 2_000;

const count = z.number().int().positive();
const files = (describe: string) => z.array(z.string()).optional().describe(describe);

/** The options of `bench collect youtube`, one flag each (`--most-popular` for `mostPopular`), in help order. */
export const youtubeOptions = z
  .object({
    seeds: files('File of video ids or YouTube URLs, one per line (repeatable)'),
    channels: files('File of channel ids, @handles or channel URLs'),
    mostPopular: files('Region codes for chart=mostPopular, e.g. US,GB'),
    categories: files('Category ids for --most-popular, or "all"'),
    search: files('search.list query (repeatable; 100 units a page)'),
    searchBudget: z.number().int().nonnegative().default(DEFAULT_SEARCH_BUDGET).describe('Units search.list may spend per Pacific day'),
    budget: z.number().int().nonnegative().optional().describe('Most units to spend per Pacific day, all calls together'),
    since: z.string().optional().describe('Channel cutoff date: older uploads are not followed'),
    keyEnv: z.string().min(1).default(DEFAULT_KEY_ENV).describe('Environment variable holding the API key'),
    apiRoot: z.url().default(DEFAULT_API_ROOT).describe('Data API root URL'),
    refresh: z.boolean().default(false).describe('Re-fetch records older than --max-age days; delete vanished videos'),
    maxAge: z.number().nonnegative().default(DEFAULT_MAX_AGE_DAYS).describe('Age in days after which --refresh re-fetches a record'),
    status: z.boolean().default(false).describe('Print counts, quota used today and the oldest record age'),
    export: z.string().min(1).optional().describe('Write the tagging dataset (Hub-style parquet) to this folder'),
    topics: z.enum(['mmsoc', 'all']).default('mmsoc').describe('Topics kept by --export'),
    thumbnailConcurrency: count.default(8).describe('Thumbnail downloads at a time'),
    maxAttempts: count.default(5).describe('Attempts per request on rate limits, 5xx, timeouts, network errors and garbled answers'),
    timeout: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS).describe('Seconds one request may wait for its answer'),
  })
  .strict();

/** What `youtubeCollector.run` accepts: the command's options, camel-cased. */
export type YoutubeCollectOptions = z.input<typeof youtubeOptions>;
export type ResolvedOptions = z.output<typeof youtubeOptions>;

export function resolveOptions(options: YoutubeCollectOptions): ResolvedOptions {
  const parsed = youtubeOptions.safeParse(options);
  if (!parsed.success) throw new UsageError(`youtube collector: ${formatIssues(parsed.error, options)}`);
  return parsed.data;
}

export function hasSeeds(o: ResolvedOptions): boolean {
  return [o.seeds, o.channels, o.mostPopular, o.search].some((list) => (list?.length ?? 0) > 0);
}

/** Crawl when seeds are given, or when nothing else is asked (continue the checkpoint's seeds). */
export function wantsCrawl(o: ResolvedOptions): boolean {
  return hasSeeds(o) || !(o.refresh || o.status || o.export);
}
