import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from 'mmsoc-bench';
import { chartSeedKey, type ChannelSeed, type ChartSeed, type FileSeed, type SearchSeed, type SeedState } from './seed-state.js';
import { channelRefFromText } from './video-url.js';

export interface SeedOptions {
  /** Files of video ids or URLs. */
  readonly seeds?: readonly string[];
  /** Files of channel ids, @handles or channel URLs. */
  readonly channels?: readonly string[];
  /** Region codes for chart=mostPopular. */
  readonly mostPopular?: readonly string[];
  /** Category ids for the charts, or `all` (every assignable category of the region). */
  readonly categories?: readonly string[];
  readonly search?: readonly string[];
  /** Channel cutoff: uploads published before this date are not followed. */
  readonly since?: string;
}

/**
 * Turns the command's seed options into seeds, checking every file and value first (usage errors name them).
 * `day` is today's Pacific quota day: charts are walked once per day.
 */
export async function planSeeds(options: SeedOptions, day: string): Promise<SeedState[]> {
  const since = options.since === undefined ? undefined : parseSince(options.since);
  const seeds: SeedState[] = [];
  for (const file of options.seeds ?? []) seeds.push(await fileSeed(file));
  for (const file of options.channels ?? []) seeds.push(...(await channelSeeds(file, since)));
  seeds.push(...chartSeeds(splitList(options.mostPopular), splitList(options.categories), day));
  for (const query of options.search ?? []) seeds.push(searchSeed(query));
  return seeds;
}

/** Adds new seeds to the checkpoint's list; a seed file whose content changed is read again from the start. */
export function mergeSeeds(existing: SeedState[], planned: readonly SeedState[]): void {
  for (const seed of planned) {
    const known = existing.find((s) => s.key === seed.key);
    if (!known) existing.push(seed);
    else if (known.kind === 'file' && seed.kind === 'file' && known.hash !== seed.hash) restartFileSeed(known, seed.hash);
  }
}

/** Before a run resumes a seed file, checks it is still there and unchanged since its cursor was set. */
export async function verifyFileSeed(seed: FileSeed): Promise<void> {
  const hash = await hashFile(seed.path);
  if (hash !== seed.hash) restartFileSeed(seed, hash);
}

function restartFileSeed(seed: FileSeed, hash: string): void {
  // Ids already fetched or queued are skipped, so reading again costs no quota for them.
  seed.hash = hash;
  seed.offset = 0;
  seed.unparsedLines = 0;
  seed.done = false;
}

async function fileSeed(file: string): Promise<FileSeed> {
  const abs = path.resolve(file);
  return { kind: 'file', key: `file:${abs}`, path: abs, hash: await hashFile(abs), offset: 0, unparsedLines: 0, done: false };
}

async function channelSeeds(file: string, since: string | undefined): Promise<ChannelSeed[]> {
  const text = await readSeedText(file, 'channel file');
  const seeds: ChannelSeed[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const ref = channelRefFromText(line);
    if (!ref) throw new UsageError(`line ${i + 1} of ${file} is not a channel id, @handle or channel URL: ${line}`);
    const key = `channel:${ref.kind}:${ref.value}${since ? `:since:${since}` : ''}`;
    if (!seeds.some((s) => s.key === key)) seeds.push({ kind: 'channel', key, ref, ...(since ? { since } : {}), done: false });
  });
  return seeds;
}

function chartSeeds(regions: readonly string[], categories: readonly string[], day: string): ChartSeed[] {
  const picked = categories.length === 0 ? [undefined] : categories;
  return regions.flatMap((raw) => {
    const region = raw.toUpperCase();
    if (!/^[A-Z]{2}$/.test(region)) throw new UsageError(`--most-popular takes ISO 3166-1 region codes like US,GB; got ${raw}`);
    return picked.map((category): ChartSeed => {
      if (category !== undefined && category !== 'all' && !/^\d+$/.test(category)) {
        throw new UsageError(`--categories takes numeric category ids or "all"; got ${category}`);
      }
      const key = chartSeedKey(region, category, day);
      return { kind: 'chart', key, region, ...(category ? { category } : {}), day, done: false };
    });
  });
}

function searchSeed(query: string): SearchSeed {
  if (!query.trim()) throw new UsageError('--search needs a non-empty query');
  return { kind: 'search', key: `search:${query}`, query, done: false };
}

function parseSince(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--since takes a date like 2024-01-31; got ${value}`);
  return new Date(ms).toISOString();
}

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

async function readSeedText(file: string, what: string): Promise<string> {
  await checkReadable(file, what);
  return readFile(file, 'utf8');
}

async function hashFile(file: string): Promise<string> {
  await checkReadable(file, 'seed file');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

async function checkReadable(file: string, what: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch {
    throw new UsageError(`${what} not found: ${file}`);
  }
  if (!isFile) throw new UsageError(`${what} is not a file: ${file}`);
}
