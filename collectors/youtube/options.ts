import { z } from 'zod';
import { formatIssues } from '../../core/config/format-issue.js';
import { UsageError } from '../../core/errors.js';
import type { Clock } from '../../core/services/clock.js';
import { DEFAULT_MAX_AGE_DAYS } from './retention.js';

export const DEFAULT_KEY_ENV = 'YOUTUBE_API_KEY';
export const DEFAULT_API_ROOT = 'https://youtube.googleapis.com/';
/** Ten searches a day out of the default 10,000 units. */
export const DEFAULT_SEARCH_BUDGET = 1_000;

export const DEFAULT_TIMEOUT_SECONDS = 30;
/** After Ctrl-C, how long the API call in flight may still take: its answer is paid for, a hung one is given up. */
export const INTERRUPT_GRACE_MS = 2_000;

const count = z.number().int().positive();
const strings = z.array(z.string()).optional();

const schema = z
  .object({
    seeds: strings,
    channels: strings,
    mostPopular: strings,
    categories: strings,
    search: strings,
    since: z.string().optional(),
    searchBudget: z.number().int().nonnegative().default(DEFAULT_SEARCH_BUDGET),
    budget: z.number().int().nonnegative().optional(),
    keyEnv: z.string().min(1).default(DEFAULT_KEY_ENV),
    apiRoot: z.url().default(DEFAULT_API_ROOT),
    refresh: z.boolean().default(false),
    maxAge: z.number().nonnegative().default(DEFAULT_MAX_AGE_DAYS),
    status: z.boolean().default(false),
    export: z.string().min(1).optional(),
    topics: z.enum(['mmsoc', 'all']).default('mmsoc'),
    thumbnailConcurrency: count.default(8),
    maxAttempts: count.default(5),
    /** Seconds one request may wait for its answer. */
    timeout: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS),
    backoff: z.object({ baseDelayMs: z.number().nonnegative(), maxDelayMs: z.number().nonnegative() }).default({ baseDelayMs: 1_000, maxDelayMs: 60_000 }),
    /** Injectable time: tests move it across midnight Pacific. */
    clock: z.custom<Clock>((v) => typeof (v as Clock | undefined)?.now === 'function').optional(),
  })
  .strict();

/** What `youtubeCollector.run` accepts: the command's options, camel-cased. */
export type YoutubeCollectOptions = z.input<typeof schema>;
export type ResolvedOptions = z.output<typeof schema>;

export function resolveOptions(options: YoutubeCollectOptions): ResolvedOptions {
  const parsed = schema.safeParse(options);
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
