import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isFetched, type FetchedVideoLine } from '../../plugins/collectors/youtube/video-record.js';
import { startFakeYoutubeApi, thumbnailBytes, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { fakeVideos, OTHER_TOPIC, videoId } from '../fixtures/youtube-catalog.js';
import { KEY_ENV, ManualClock, readVideoLines, removeDir, runCollect, tempDir, TEST_KEY, writeLines } from '../fixtures/youtube-harness.js';

/** 2026-03-07 20:00 PST; the next midnight Pacific is 2026-03-08T08:00Z (still PST: DST starts at 02:00 that day). */
const EVENING = Date.parse('2026-03-08T04:00:00Z');
const DAY = 24 * 3600_000;

let dir: string;
let api: FakeYoutubeApi;

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  await api?.close();
  await removeDir(dir);
});

const baseArgs = () => ['--api-root', api.rootUrl, '--state', path.join(dir, 'state'), '--key-env', KEY_ENV];

describe('id seeds', () => {
  test('fetch 50 ids per videos.list unit, once each, from any URL form; normalize tags and topics; record unavailable ids', async () => {
    api = await startFakeYoutubeApi({ videos: fakeVideos(2_450), key: TEST_KEY });
    const gone = [3, 777, 1_250, 2_000, 2_449].map(videoId);
    for (const id of gone) api.removeVideo(id);
    const forms = [
      (id: string) => id,
      (id: string) => `https://www.youtube.com/watch?v=${id}`,
      (id: string) => `check this [clip](https://youtu.be/${id}) lol`,
      (id: string) => `http://m.youtube.com/watch?feature=share&amp;v=${id}&amp;t=42`,
      (id: string) => `https://youtube.com/shorts/${id}?si=abc`,
      (id: string) => `www.youtube-nocookie.com/embed/${id}`,
      (id: string) => `https://www.youtube.com/attribution_link?u=%2Fwatch%3Fv%3D${id}%26feature%3Dshare`,
    ];
    const lines = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => forms[(from + i) % forms.length]!(videoId(from + i)));
    const a = await writeLines(dir, 'a.txt', ['# links from a Reddit dump', ...lines(0, 1_300), 'no link here', '']);
    const b = await writeLines(dir, 'b.txt', [...lines(1_200, 2_450), videoId(5)]);

    const run = await runCollect([...baseArgs(), '--seeds', a, '--seeds', b], { clock: new ManualClock(EVENING) });

    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const calls = api.calls('videos.list');
    const requested = calls.flatMap((c) => c.ids);
    expect(new Set(requested).size).toBe(requested.length);
    expect(requested).toHaveLength(2_450);
    expect(calls).toHaveLength(49);
    expect(api.quotaUsed).toEqual({ other: 49, search: 0 });
    expect(2_450 / api.quotaUsed.other).toBeGreaterThanOrEqual(49);

    const stored = await readVideoLines(path.join(dir, 'state'));
    expect(new Set(stored.map((l) => l.id)).size).toBe(stored.length);
    expect(stored.filter((l) => !isFetched(l)).map((l) => l.id).sort()).toEqual([...gone].sort());
    const fetched = stored.filter(isFetched) as FetchedVideoLine[];
    expect(fetched).toHaveLength(2_445);
    const v10 = fetched.find((l) => l.id === videoId(10))!.video;
    expect(v10.tags).toEqual(['tag a', 'topic0', 'music']);
    expect(v10.topics).toEqual(['Classical_music', 'Country_music']);
    expect(v10.viewCount).toBe(1010);
    expect(fetched.find((l) => l.id === videoId(9))!.video.topics).toEqual([OTHER_TOPIC]);

    const checkpoint = JSON.parse(await readFile(path.join(dir, 'state', 'checkpoint.json'), 'utf8'));
    expect(checkpoint.quota.used).toEqual({ other: 49, search: 0 });
    expect(checkpoint.queue).toEqual([]);
    expect(checkpoint.seeds.find((s: { path?: string }) => s.path === a).unparsedLines).toBe(1);

    // The largest size of every live video, content-addressed.
    const thumbs = (await readFile(path.join(dir, 'state', 'thumbnails.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(thumbs).toHaveLength(2_445);
    const t10 = thumbs.find((t) => t.id === videoId(10));
    expect(t10.url).toMatch(/\/vi\/v000000000a\/maxresdefault\.jpg$/);
    expect(await readFile(path.join(dir, 'state', 'thumbnails', `${t10.sha256}.jpg`))).toEqual(thumbnailBytes(videoId(10), 'maxresdefault'));
    expect(run.stdout).toMatch(/2445 videos stored \(\+2445\), 5 unavailable \(\+5\); quota today 49 units/);
    const status = await runCollect([...baseArgs(), '--status'], { clock: new ManualClock(EVENING) });
    expect(status.stdout).toMatch(/seeds: 2\/2 done, 0 refused by the API \(0 errors recorded\), 1 seed-file lines without a video id; 0 ids queued/);
    expect(status.stdout).toMatch(/thumbnails: 2445 stored, 0 failed, 0 missing/);
  });

  test('a rerun with nothing new spends no quota and downloads nothing', async () => {
    api = await startFakeYoutubeApi({ videos: fakeVideos(120), key: TEST_KEY });
    const seeds = await writeLines(dir, 'seeds.txt', fakeVideos(120).map((v) => v.resource.id!));
    const clock = new ManualClock(EVENING);
    expect((await runCollect([...baseArgs(), '--seeds', seeds], { clock })).code).toBe(0);
    const before = api.requests.length;
    const again = await runCollect([...baseArgs(), '--seeds', seeds], { clock });
    expect(again.code).toBe(0);
    expect(api.requests.length).toBe(before);
    expect(again.stdout).toMatch(/120 videos stored \(\+0\)/);
  });
});

describe('--budget', () => {
  test('spends at most the budget per Pacific day, stops with exit 3 saying when to resume, and finishes on later days', async () => {
    api = await startFakeYoutubeApi({ videos: fakeVideos(1_000), key: TEST_KEY });
    const seeds = await writeLines(dir, 'seeds.txt', fakeVideos(1_000).map((v) => v.resource.id!));
    const clock = new ManualClock(EVENING);

    const first = await runCollect([...baseArgs(), '--seeds', seeds, '--budget', '7'], { clock });
    expect(first.code).toBe(3);
    expect(api.quotaUsed.other).toBe(7);
    expect(first.stderr).toMatch(/--budget is spent.*after midnight Pacific time: .*\(2026-03-08T08:00:00Z\)/);
    expect(first.stdout).toMatch(/350 videos stored/);

    // Same day: the ledger already holds 7 units, so nothing is sent.
    const sent = api.requests.length;
    const sameDay = await runCollect([...baseArgs(), '--budget', '7'], { clock });
    expect(sameDay.code).toBe(3);
    expect(api.requests.length).toBe(sent);

    clock.advance(DAY);
    const nextDay = await runCollect([...baseArgs(), '--budget', '7'], { clock });
    expect(nextDay.code).toBe(3);
    expect(api.quotaUsed.other).toBe(14);

    clock.advance(DAY);
    const last = await runCollect([...baseArgs(), '--budget', '7'], { clock });
    expect(last.code).toBe(0);
    // Exactly the 20 calls an uninterrupted crawl of 1,000 ids makes, spread over three days.
    expect(api.calls('videos.list')).toHaveLength(20);
    expect(new Set(api.calls('videos.list').flatMap((c) => c.ids)).size).toBe(1_000);
    expect((await readVideoLines(path.join(dir, 'state'))).length).toBe(1_000);
  });
});
