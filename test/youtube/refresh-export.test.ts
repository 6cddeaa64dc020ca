import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { splitOf } from '../../plugins/collectors/youtube/export.js';
import { MMSOC_TOPICS } from '../../plugins/collectors/youtube/topics.js';
import { isFetched } from '../../plugins/collectors/youtube/video-record.js';
import { createParquetSource } from '../../core/data/parquet-source.js';
import { imageFromCell } from '../../core/tasks/row-fields.js';
import { tagging } from '../../plugins/tasks/tagging.js';
import { benchInProcess } from '../fixtures/cli.js';
import { writeConfig } from '../fixtures/datasets.js';
import { startFakeYoutubeApi, thumbnailBytes, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { fakeVideos, videoId } from '../fixtures/youtube-catalog.js';
import { KEY_ENV, ManualClock, readVideoLines, removeDir, runCollect, tempDir, TEST_KEY, writeLines } from '../fixtures/youtube-harness.js';

const EVENING = Date.parse('2026-03-08T04:00:00Z');
const DAY = 24 * 3600_000;

let dir: string;
let api: FakeYoutubeApi;
let clock: ManualClock;

beforeEach(async () => {
  dir = await tempDir();
  api = await startFakeYoutubeApi({ videos: fakeVideos(150), key: TEST_KEY });
  clock = new ManualClock(EVENING);
  const seeds = await writeLines(dir, 'seeds.txt', fakeVideos(150).map((v) => v.resource.id!));
  expect((await runCollect(args('--seeds', seeds), { clock })).code).toBe(0);
});

afterEach(async () => {
  await api.close();
  await removeDir(dir);
});

const state = () => path.join(dir, 'state');
const args = (...more: string[]) => ['--api-root', api.rootUrl, '--state', state(), '--key-env', KEY_ENV, ...more];

describe('--refresh and --status', () => {
  test('re-fetches records past --max-age with ETags, updates changed ones, deletes vanished ones with their thumbnails', async () => {
    clock.advance(26 * DAY);
    const status = await runCollect(args('--status'), { clock });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/videos: 150 stored, 0 unavailable; oldest record 26\.0 days old, 0 older than 30 days/);
    expect(status.stdout).toMatch(/quota today \(2026-04-02 Pacific\): 0 units/);
    const before = (await readVideoLines(state())).filter(isFetched);
    const thumbOf5 = (await readFile(path.join(state(), 'thumbnails.jsonl'), 'utf8')).split('\n').find((l) => l.includes(videoId(5)))!;
    const fileOf5 = path.join(state(), 'thumbnails', `${JSON.parse(thumbOf5).sha256}.jpg`);
    expect((await readdir(path.join(state(), 'thumbnails'))).includes(path.basename(fileOf5))).toBe(true);

    api.removeVideo(videoId(5));
    api.removeVideo(videoId(77));
    api.updateVideo(videoId(10), (v) => ({ ...v, snippet: { ...v.snippet, title: 'A new title', tags: ['Fresh'] } }));
    const sent = api.requests.length;
    const run = await runCollect(args('--refresh'), { clock });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/refresh: 150 checked, 1 updated, 147 unchanged, 2 removed/);

    const calls = api.requests.slice(sent).filter((r) => r.method === 'videos.list');
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.ifNoneMatch)).toBe(true);
    expect(calls.map((c) => c.status).sort()).toEqual([200, 200, 304]);

    const lines = await readVideoLines(state());
    expect(lines).toHaveLength(150);
    expect(lines.filter((l) => !isFetched(l)).map((l) => l.id).sort()).toEqual([videoId(5), videoId(77)].sort());
    const v10 = lines.filter(isFetched).find((l) => l.id === videoId(10))!;
    expect(v10.video.title).toBe('A new title');
    expect(v10.video.tags).toEqual(['fresh']);
    expect(lines.filter(isFetched).every((l) => l.fetchedAt === clock.now())).toBe(true);
    const raw = await readFile(path.join(state(), 'videos.jsonl'), 'utf8');
    expect(raw).not.toContain(JSON.stringify(before.find((l) => l.id === videoId(5))!.video.description));
    expect(raw).not.toContain('Video number 10"');
    expect(await readdir(path.join(state(), 'thumbnails'))).not.toContain(path.basename(fileOf5));
    expect((await readFile(path.join(state(), 'thumbnails.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(148);

    const after = api.requests.length;
    expect((await runCollect(args('--refresh', '--status'), { clock })).stdout).toMatch(/oldest record 0\.0 days old/);
    expect(api.requests.length).toBe(after);
  });

  test('--status flags records past the 30-day limit', async () => {
    clock.advance(31 * DAY);
    const status = await runCollect(args('--status'), { clock });
    expect(status.stdout).toMatch(/150 older than 30 days \(refresh or delete them: API terms\)/);
  });
});

describe('--export', () => {
  const out = () => path.join(dir, 'dataset');
  const readSplit = async (split: string) =>
    parquetReadObjects({
      file: await asyncBufferFromFile(path.join(out(), 'data', `${split}-00000-of-00001.parquet`)),
      compressors,
      utf8: false,
    });

  test('Hub-style parquet with the MMSoc_YouTube2000 columns, split by id hash, MM-Soc topics only, thumbnails embedded', async () => {
    const run = await runCollect(args('--export', out()), { clock });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/left out: 15 without a MM-Soc topic, 0 without a thumbnail, 0 older than 30 days/);
    expect((await readdir(path.join(out(), 'data'))).sort()).toEqual([
      'test-00000-of-00001.parquet',
      'train-00000-of-00001.parquet',
      'val-00000-of-00001.parquet',
    ]);
    const rows = [...(await readSplit('train')), ...(await readSplit('val')), ...(await readSplit('test'))];
    expect(rows).toHaveLength(135);
    const decode = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v);
    for (const row of rows) {
      const id = decode(row['id']) as string;
      expect(decode(row['split'])).toBe(splitOf(id));
      const topics = (row['topics'] as Uint8Array[]).map(decode) as string[];
      expect(topics.length).toBeGreaterThan(0);
      expect(topics.every((t) => MMSOC_TOPICS.includes(t))).toBe(true);
      const image = row['image'] as { bytes: Uint8Array; path: Uint8Array };
      expect(Buffer.from(image.bytes)).toEqual(thumbnailBytes(id, 'maxresdefault'));
    }
    const counts = ['train', 'val', 'test'].map((s) => rows.filter((r) => decode(r['split']) === s).length);
    expect(counts[0]).toBeGreaterThan(counts[1]!);
    expect(counts[0]).toBeGreaterThan(counts[2]!);
    expect(Object.keys(rows[0]!)).toEqual([
      'image', 'id', 'title', 'description', 'tags', 'topics', 'categoryId', 'channelId', 'channelTitle', 'publishedAt',
      'duration', 'viewCount', 'likeCount', 'commentCount', 'defaultLanguage', 'defaultAudioLanguage', 'split',
    ]);
  });

  test('the core parquet source reads the export as the tagging task will: rows with an image struct and typed columns', async () => {
    expect((await runCollect(args('--export', out()), { clock })).code).toBe(0);
    const source = createParquetSource(out());
    const rows = [];
    for await (const row of source.rows('val')) rows.push(row);
    expect(rows.length).toBe(await source.count!('val'));
    const row = rows.find((r) => r['id'] === videoId(10)) ?? rows[0]!;
    const id = row['id'] as string;
    const n = parseInt(id.slice(1), 36);
    expect(row).toMatchObject({
      title: `Video number ${n}`,
      tags: `tag a,topic${n % 5},music`,
      categoryId: 10 + (n % 3),
      viewCount: 1000 + n,
      likeCount: n,
      duration: `PT${n % 60}M${n % 50}S`,
      defaultAudioLanguage: 'en-US',
      split: 'val',
    });
    expect((row['publishedAt'] as Date).toISOString()).toBe(new Date(Date.UTC(2026, 0, 1) - n * 3600_000).toISOString());
    const image = imageFromCell(row['image'], source, id)!;
    expect(Buffer.from(await image.read())).toEqual(thumbnailBytes(id, 'maxresdefault'));
  });

  test('the export is a dataset of the tagging task: it loads without skips and bench run evaluates it', async () => {
    expect((await runCollect(args('--export', out()), { clock })).code).toBe(0);
    const options = tagging.options!({});
    let loaded = 0;
    for await (const item of tagging.load(createParquetSource(out()), 'test', options)) {
      expect('skipped' in item).toBe(false);
      expect((item as { gold: string[] }).gold.every((topic) => MMSOC_TOPICS.includes(topic))).toBe(true);
      loaded++;
    }
    expect(loaded).toBeGreaterThan(0);
    const config = writeConfig(path.dirname(out()), {
      models: { tags: { use: 'baseline/frequent-tags' } },
      tasks: { tagging: { dataset: { path: path.basename(out()) }, trainSplit: 'train' } },
      bootstrap: { samples: 50 },
    }, 'bench.config.mjs');
    const result = await benchInProcess(['run', '-c', config, '--json']);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const metrics = JSON.parse(result.stdout.slice(0, result.stdout.lastIndexOf('}') + 1));
    expect(metrics.counts.tagging.tags).toMatchObject({ samples: loaded, failed: 0, skipped: 0 });
  });

  test('the config docs/youtube.md gives for an export evaluates that export', async () => {
    const doc = await readFile('docs/youtube.md', 'utf8');
    const config = /```ts\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf('## Evaluating an export')))![1]!;
    const exported = path.join(dir, 'data', 'MMSoc_YouTube');
    expect((await runCollect(args('--export', exported), { clock })).code).toBe(0);
    // In-process runs load JavaScript configs; the documented one is plain JavaScript too.
    const file = path.join(dir, 'bench.config.mjs');
    await writeFile(file, config);
    const result = await benchInProcess(['run', '-c', file, '--json']);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const metrics = JSON.parse(result.stdout.slice(0, result.stdout.lastIndexOf('}') + 1));
    const exportedTest = await createParquetSource(exported).count!('test');
    expect(exportedTest).toBeGreaterThan(0);
    expect(metrics.counts.tagging['frequent-tags']).toMatchObject({ samples: exportedTest, failed: 0, skipped: 0 });
  });

  test('deterministic: two exports are byte-identical; --topics all keeps every topic; expired records are left out', async () => {
    await runCollect(args('--export', out()), { clock });
    const first = await readFile(path.join(out(), 'data', 'train-00000-of-00001.parquet'));
    await runCollect(args('--export', out()), { clock });
    expect(await readFile(path.join(out(), 'data', 'train-00000-of-00001.parquet'))).toEqual(first);

    const all = await runCollect(args('--export', out(), '--topics', 'all'), { clock });
    expect(all.stdout).toMatch(/left out: 0 without a topic/);
    expect((await readSplit('train')).length + (await readSplit('val')).length + (await readSplit('test')).length).toBe(150);

    clock.advance(31 * DAY);
    const expired = await runCollect(args('--export', out()), { clock });
    expect(expired.stdout).toMatch(/train 0, val 0, test 0 rows .*150 older than 30 days/);
  });
});
