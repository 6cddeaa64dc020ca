import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import sharp from 'sharp';
import { writeHubDataset } from '../../scripts/samples/parquet.js';
import { makeMemeDataset, tempDir, writeConfig } from '../../test/fixtures/datasets.js';
import { TEXT_TASK_ID } from './text-task-plugin.js';

/** A folder under the OS temp dir for one benchmark invocation, removed by `cleanup`. */
export function workDir(name: string): { dir: string; cleanup: () => void } {
  const dir = tempDir(`bench-${name}`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `<dir>/test.jsonl` one line at a time (50,000 rows need not be one string). */
async function writeRows(dir: string, n: number, row: (i: number) => Record<string, unknown>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(join(dir, 'test.jsonl'));
  for (let i = 0; i < n; i++) {
    if (!out.write(JSON.stringify(row(i)) + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Hateful-Memes-shaped rows with `n` distinct 4x4 PNGs (about 80 bytes each): request-bound runs. */
export async function tinyImageDataset(dir: string, n: number): Promise<string> {
  return makeMemeDataset(dir, { test: n });
}

/** `count` PNGs of random pixels of about `imageBytes` each (noise does not compress, so the file is about the raw size). */
async function noisePngs(count: number, imageBytes: number): Promise<Buffer[]> {
  // The PNG adds a filter byte per row and ~100 bytes of chunks around width * width * 3 pixel bytes.
  const width = Math.floor(Math.sqrt(imageBytes / 3));
  const pngs: Buffer[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, () =>
      sharp(randomBytes(width * width * 3), { raw: { width, height: width, channels: 3 } }).png().toBuffer(),
    );
    pngs.push(...(await Promise.all(batch)));
  }
  return pngs;
}

/**
 * `pool` PNGs of random pixels of about `imageBytes` each, and `n` Hateful-Memes-shaped rows using
 * them in turn (row i -> image i % pool).
 */
export async function largeImageDataset(dir: string, n: number, options: { imageBytes: number; pool: number }): Promise<string> {
  mkdirSync(join(dir, 'img'), { recursive: true });
  (await noisePngs(options.pool, options.imageBytes)).forEach((png, i) => writeFileSync(join(dir, 'img', `${i}.png`), png));
  await writeRows(dir, n, (i) => ({ id: i, image: `img/${i % options.pool}.png`, label: i % 3 === 0 ? 1 : 0, text: `meme ${i}` }));
  return dir;
}

/** The Hateful Memes columns as the Hub's parquet holds them: the image is a `{bytes, path}` struct inside the file. */
const HUB_MEME_COLUMNS = { id: 'int64', text: 'string', label: 'int64', image: 'image' } as const;

/**
 * A Hateful-Memes-shaped dataset in the Hub layout (`data/test-00000-of-00001.parquet`, snappy, row
 * groups of 100 rows as `datasets` writes image columns) with `n` rows whose images (PNGs of about
 * `imageBytes`, `pool` distinct ones used in turn) are inside the parquet file.
 */
export async function parquetImageDataset(dir: string, n: number, options: { imageBytes: number; pool: number }): Promise<string> {
  const pngs = await noisePngs(options.pool, options.imageBytes);
  const rows = Array.from({ length: n }, (_, i) => ({ id: i, text: `meme ${i}`, label: i % 3 === 0 ? 1 : 0, image: { bytes: pngs[i % options.pool]!, path: `${i}.png` } }));
  writeHubDataset(dir, HUB_MEME_COLUMNS, { test: rows });
  return dir;
}

/**
 * The data URL of each row's image, as our model adapter builds it, for a dataset made here: the
 * image structs of a Hub-layout parquet split, or the files named by a JSONL split.
 */
export async function imageDataUrls(dir: string, split = 'test'): Promise<string[]> {
  const url = (bytes: Uint8Array) => `data:image/png;base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
  const hub = join(dir, 'data');
  if (existsSync(hub)) {
    const urls: string[] = [];
    for (const name of readdirSync(hub).filter((f) => f.startsWith(`${split}-`)).sort()) {
      const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(join(hub, name)), compressors, columns: ['image'], utf8: false })) as { image: { bytes: Uint8Array } }[];
      urls.push(...rows.map((row) => url(row.image.bytes)));
    }
    return urls;
  }
  return readFileSync(join(dir, `${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => url(readFileSync(join(dir, (JSON.parse(line) as { image: string }).image))));
}

/** Mean size of the images of a dataset folder, in bytes. */
export function meanImageBytes(dir: string): number {
  const files = readdirSync(join(dir, 'img'));
  return files.reduce((sum, f) => sum + statSync(join(dir, 'img', f)).size, 0) / files.length;
}

const WORDS = 'the of a meme post about people when you see it me at 3am cats news today city game friends work again'.split(' ');

/** Rows of post text only (about 40 words each), for the text-only task. */
export async function textDataset(dir: string, n: number): Promise<string> {
  await writeRows(dir, n, (i) => ({
    id: i,
    text: Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join(' '),
    label: i % 3 === 0 ? 1 : 0,
  }));
  return dir;
}

export const TEXT_PLUGIN = fileURLToPath(new URL('./text-task-plugin.ts', import.meta.url));

/**
 * A config with one OpenAI-compatible model `vlm` on `endpoint` and one task over `data`: the
 * Hateful Memes task for image datasets, the benchmarks' text-only task for text datasets.
 */
export function benchConfig(dir: string, options: { endpoint: string; concurrency: number; data: string; kind: 'image' | 'text'; bootstrapSamples?: number }): string {
  const task = options.kind === 'image' ? { 'hate-speech': { dataset: { path: options.data }, split: 'test' } } : { text: { use: TEXT_TASK_ID, dataset: { path: options.data } } };
  return writeConfig(dir, {
    output: 'runs',
    ...(options.kind === 'text' ? { plugins: [TEXT_PLUGIN] } : {}),
    ...(options.bootstrapSamples ? { bootstrap: { samples: options.bootstrapSamples } } : {}),
    models: { vlm: { use: 'openai-compatible', endpoint: options.endpoint, model: 'vlm', concurrency: options.concurrency } },
    tasks: task,
  });
}
