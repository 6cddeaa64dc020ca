import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { channelId, fakeChannel, fakeVideos, videoId } from '../fixtures/youtube-catalog.js';
import { KEY_ENV, ManualClock, readVideoLines, removeDir, runCollect, tempDir, TEST_KEY, writeLines } from '../fixtures/youtube-harness.js';

const EVENING = Date.parse('2026-03-08T04:00:00Z');
const DAY = 24 * 3600_000;
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => videoId(from + i));

let dir: string;
let api: FakeYoutubeApi;

beforeEach(async () => {
  dir = await tempDir();
  api = await startFakeYoutubeApi({
    videos: fakeVideos(700),
    key: TEST_KEY,
    channels: [fakeChannel(1, ids(0, 120), '@music'), fakeChannel(2, [...ids(60, 70), ...ids(100, 105)])],
    categories: {
      US: [
        { id: '10', title: 'Music', assignable: true },
        { id: '17', title: 'Sports', assignable: true },
        { id: '18', title: 'Short Movies', assignable: false },
      ],
      GB: [{ id: '10', title: 'Music', assignable: true }],
    },
    charts: { 'US:10': ids(300, 420), 'GB:10': ids(400, 430) },
    searches: { cats: ids(500, 680) },
  });
});

afterEach(async () => {
  await api.close();
  await removeDir(dir);
});

const state = () => path.join(dir, 'state');
const args = (...more: string[]) => ['--api-root', api.rootUrl, '--state', state(), '--key-env', KEY_ENV, ...more];
const stored = async () => (await readVideoLines(state())).map((l) => l.id).sort();

test('channels: uploads playlist newest first, down to --since; ids, @handles and URLs; each channel and video once', async () => {
  const channels = await writeLines(dir, 'channels.txt', [
    '@music',
    channelId(2),
    `https://www.youtube.com/channel/${channelId(2)}`,
  ]);
  // Video n is published n hours before 2026-01-01: the cutoff keeps uploads 0..74 (channel 2's 60..69 among them).
  const since = new Date(Date.UTC(2026, 0, 1) - 74 * 3600_000).toISOString();
  const run = await runCollect(args('--channels', channels, '--since', since), { clock: new ManualClock(EVENING) });
  expect(run.code).toBe(0);
  expect(await stored()).toEqual(ids(0, 75));
  expect(api.calls('channels.list')).toHaveLength(2);
  expect(api.calls('playlistItems.list')).toHaveLength(3);
  expect(api.calls('videos.list')).toHaveLength(2);
  expect(api.quotaUsed).toEqual({ other: 7, search: 0 });
});

test('mostPopular by region x category: categories from videoCategories.list (cached), charts walked once per Pacific day', async () => {
  const clock = new ManualClock(EVENING);
  const run = await runCollect(args('--most-popular', 'US,gb', '--categories', 'all'), { clock });
  expect(run.code).toBe(0);
  expect(await stored()).toEqual(ids(300, 430));
  expect(api.calls('videoCategories.list')).toHaveLength(2);
  // US:10 has 3 pages, US:17 has no chart (recorded), GB:10 one page; chart pages carry full videos.
  expect(api.calls('videos.list').map((c) => `${c.params['regionCode']}:${c.params['videoCategoryId']}`)).toEqual([
    'US:10',
    'US:10',
    'US:10',
    'US:17',
    'GB:10',
  ]);
  const errors = await readFile(path.join(state(), 'errors.jsonl'), 'utf8');
  expect(errors).toMatch(/"reason":"videoChartNotFound"/);

  const sent = api.requests.length;
  expect((await runCollect(args('--most-popular', 'US,GB', '--categories', 'all'), { clock })).code).toBe(0);
  expect(api.requests.length).toBe(sent);

  clock.advance(DAY);
  expect((await runCollect(args('--most-popular', 'US', '--categories', 'all'), { clock })).code).toBe(0);
  expect(api.calls('videoCategories.list')).toHaveLength(2);
  expect(api.calls('videos.list')).toHaveLength(5 + 4);
  expect(await stored()).toEqual(ids(300, 430));
});

describe('search', () => {
  test('search.list spends its own daily budget (100 units a page), details follow via videos.list, the rest waits a day', async () => {
    const clock = new ManualClock(EVENING);
    const first = await runCollect(args('--search', 'cats', '--search-budget', '200'), { clock });
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/--search-budget is spent/);
    expect(api.quotaUsed).toEqual({ search: 200, other: 2 });
    expect(await stored()).toEqual(ids(500, 600));

    clock.advance(DAY);
    const second = await runCollect(args('--search-budget', '200'), { clock });
    expect(second.code).toBe(0);
    expect(await stored()).toEqual(ids(500, 680));
    expect(api.calls('search.list')).toHaveLength(4);
    expect(api.calls('videos.list').flatMap((c) => c.ids).sort()).toEqual(ids(500, 680));
    const checkpoint = JSON.parse(await readFile(path.join(state(), 'checkpoint.json'), 'utf8'));
    expect(checkpoint.quota.used).toEqual({ search: 200, other: 2 });
  });

  test('--budget caps search and the rest together', async () => {
    const run = await runCollect(args('--search', 'cats', '--budget', '150'), { clock: new ManualClock(EVENING) });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/--budget is spent/);
    // One search page (100) and one videos.list call for its 50 ids; a second page would pass 150.
    expect(api.quotaUsed).toEqual({ search: 100, other: 1 });
    expect(await stored()).toEqual(ids(500, 550));
  });
});
