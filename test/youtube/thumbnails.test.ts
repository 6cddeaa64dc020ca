import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ThumbnailLine } from '../../plugins/collectors/youtube/thumbnails.js';
import { sha256Hex } from '../../core/util/hash.js';
import { startFakeYoutubeApi, thumbnailBytes, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { fakeVideo, fakeVideos, videoId } from '../fixtures/youtube-catalog.js';
import { KEY_ENV, ManualClock, removeDir, runCollect, tempDir, TEST_KEY, writeLines } from '../fixtures/youtube-harness.js';

const EVENING = Date.parse('2026-03-08T04:00:00Z');

let dir: string;
let api: FakeYoutubeApi;

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  await api.close();
  await removeDir(dir);
});

const state = () => path.join(dir, 'state');
const args = (...more: string[]) => ['--api-root', api.rootUrl, '--state', state(), '--key-env', KEY_ENV, ...more];
const thumbnailLog = async (): Promise<Map<string, ThumbnailLine>> => {
  const text = await readFile(path.join(state(), 'thumbnails.jsonl'), 'utf8');
  const lines = text.trim().split('\n').map((l) => JSON.parse(l) as ThumbnailLine);
  return new Map(lines.map((l) => [l.id, l]));
};

test('largest available size, fallback when it is missing, one file per content, retries, failures recorded', async () => {
  api = await startFakeYoutubeApi({
    key: TEST_KEY,
    videos: [
      fakeVideo(0),
      fakeVideo(1, { missingThumbnails: ['maxres'] }),
      fakeVideo(2, { thumbnailContent: 'same' }),
      fakeVideo(3, { thumbnailContent: 'same' }),
      fakeVideo(4),
      fakeVideo(5, { missingThumbnails: ['maxres', 'standard', 'high', 'medium', 'default'] }),
      fakeVideo(6),
    ],
  });
  const id = (n: number) => videoId(n);
  api.inject({ method: 'thumbnail', error: 503, times: 2, match: (r) => r.ids[0] === id(4) });
  api.inject({ method: 'thumbnail', error: 500, times: 3, match: (r) => r.ids[0] === id(6) });
  const seeds = await writeLines(dir, 'seeds.txt', [0, 1, 2, 3, 4, 5, 6].map(id));
  const clock = new ManualClock(EVENING);

  expect((await runCollect(args('--seeds', seeds, '--max-attempts', '3'), { clock })).code).toBe(0);
  const log = await thumbnailLog();
  const file = (n: number) => path.join(state(), 'thumbnails', `${log.get(id(n))!.sha256}.jpg`);
  expect(await readFile(file(0))).toEqual(thumbnailBytes(id(0), 'maxresdefault'));
  expect(log.get(id(1))!.source).toMatch(/sddefault\.jpg$/);
  expect(await readFile(file(1))).toEqual(thumbnailBytes(id(1), 'sddefault'));
  expect(log.get(id(2))!.sha256).toBe(log.get(id(3))!.sha256);
  expect(log.get(id(2))!.sha256).toBe(sha256Hex(thumbnailBytes('same', 'maxresdefault')));
  expect(await readFile(file(4))).toEqual(thumbnailBytes(id(4), 'maxresdefault'));
  expect(api.calls('thumbnail').filter((r) => r.ids[0] === id(4))).toHaveLength(3);
  expect(log.get(id(5))).toMatchObject({ error: 'no thumbnail size is available', retryable: false });
  expect(log.get(id(6))).toMatchObject({ retryable: true });
  expect(log.get(id(6))!.error).toMatch(/HTTP 500 after 3 attempts/);
  expect(await readdir(path.join(state(), 'thumbnails'))).toHaveLength(4);

  // The next run retries the transient failure only; the rest is settled and skipped.
  const before = api.calls('thumbnail').length;
  expect((await runCollect(args(), { clock })).code).toBe(0);
  const retried = api.calls('thumbnail').slice(before);
  expect(retried.map((r) => r.ids[0])).toEqual([id(6)]);
  expect(await readFile(path.join(state(), 'thumbnails', `${(await thumbnailLog()).get(id(6))!.sha256}.jpg`))).toEqual(
    thumbnailBytes(id(6), 'maxresdefault'),
  );
});

test('downloads run with bounded concurrency', async () => {
  api = await startFakeYoutubeApi({ key: TEST_KEY, videos: fakeVideos(60), latencyMs: 15 });
  const seeds = await writeLines(dir, 'seeds.txt', fakeVideos(60).map((v) => v.resource.id!));
  const run = await runCollect(args('--seeds', seeds, '--thumbnail-concurrency', '4'), { clock: new ManualClock(EVENING) });
  expect(run.code).toBe(0);
  expect(api.calls('thumbnail')).toHaveLength(60);
  expect(api.peakInFlight.thumbnail).toBe(4);
  expect(api.peakInFlight['videos.list']).toBe(1);
});
