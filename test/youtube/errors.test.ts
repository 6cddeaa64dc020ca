import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { fakeChannel, fakeVideos, videoId } from '../fixtures/youtube-catalog.js';
import { KEY_ENV, ManualClock, readVideoLines, removeDir, runCollect, tempDir, TEST_KEY, writeLines } from '../fixtures/youtube-harness.js';

const EVENING = Date.parse('2026-03-08T04:00:00Z'); // 2026-03-07 20:00 PST
const AFTER_MIDNIGHT = Date.parse('2026-03-08T08:00:01Z');

let dir: string;
let api: FakeYoutubeApi;
let seeds: string;

beforeEach(async () => {
  dir = await tempDir();
  api = await startFakeYoutubeApi({ videos: fakeVideos(500), key: TEST_KEY, dailyQuota: 5 });
  seeds = await writeLines(dir, 'seeds.txt', fakeVideos(500).map((v) => v.resource.id!));
});

afterEach(async () => {
  await api.close();
  await removeDir(dir);
});

const state = () => path.join(dir, 'state');
const args = (...more: string[]) => ['--api-root', api.rootUrl, '--state', state(), '--key-env', KEY_ENV, ...more];
const storedIds = async () => (await readVideoLines(state())).map((l) => l.id);
const ledger = async () => JSON.parse(await readFile(path.join(state(), 'checkpoint.json'), 'utf8')).quota;

describe('quota', () => {
  test('quotaExceeded stops cleanly with exit 3; the same day sends nothing; after midnight Pacific the crawl completes', async () => {
    const clock = new ManualClock(EVENING);
    const first = await runCollect(args('--seeds', seeds), { clock });
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/^error: stopped: the API reports the daily quota is spent \(quotaExceeded\); state saved\..*\(2026-03-08T08:00:00Z\)$/m);
    expect(first.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await storedIds()).toHaveLength(250);
    expect(await ledger()).toMatchObject({ day: '2026-03-07', exhausted: 'quotaExceeded' });

    const sent = api.requests.length;
    const sameDay = await runCollect(args(), { clock });
    expect(sameDay.code).toBe(3);
    expect(api.requests.length).toBe(sent);

    clock.set(AFTER_MIDNIGHT);
    api.newDay();
    const nextDay = await runCollect(args(), { clock });
    expect(nextDay.code).toBe(0);
    const ids = await storedIds();
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    const ok = api.calls('videos.list').filter((c) => c.status === 200);
    expect(ok).toHaveLength(10);
    expect(new Set(ok.flatMap((c) => c.ids)).size).toBe(500);
    expect(await ledger()).toEqual({ day: '2026-03-08', used: { other: 5, search: 0 } });
  });

  test('dailyLimitExceeded is a resumable stop too', async () => {
    api.inject({ method: 'videos.list', error: 'dailyLimitExceeded', after: 2 });
    const run = await runCollect(args('--seeds', seeds), { clock: new ManualClock(EVENING) });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/dailyLimitExceeded/);
    expect(await storedIds()).toHaveLength(100);
  });
});

describe('retries', () => {
  test('rateLimitExceeded and 5xx are retried with growing, jittered backoff; every attempt is on the ledger', async () => {
    api = await restartWithoutQuota();
    api.inject({ method: 'videos.list', error: 'rateLimitExceeded', times: 2, after: 1 });
    api.inject({ method: 'videos.list', error: 503, after: 4 });
    const clock = new ManualClock(EVENING);
    const run = await runCollect(args('--seeds', seeds, '--max-attempts', '3'), { clock });
    expect(run.code).toBe(0);
    expect(await storedIds()).toHaveLength(500);
    expect(api.calls('videos.list')).toHaveLength(13);
    expect(api.quotaUsed.other).toBe(13);
    expect((await ledger()).used.other).toBe(13);
    // Full jitter under a doubling ceiling: 1st retry in [0, 1000) ms, 2nd in [0, 2000), then a new
    // request's 1st retry in [0, 1000) again.
    const [a, b, c] = clock.sleeps;
    expect(clock.sleeps).toHaveLength(3);
    for (const [delay, ceiling] of [[a, 1_000], [b, 2_000], [c, 1_000]] as const) {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
  });

  test('the attempt limit is ours: after --max-attempts failures the crawl stops (exit 1) and a rerun finishes the work', async () => {
    api = await restartWithoutQuota();
    api.inject({ method: 'videos.list', error: 500, times: 3, after: 2 });
    const clock = new ManualClock(EVENING);
    const run = await runCollect(args('--seeds', seeds, '--max-attempts', '3'), { clock });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: stopped: videos\.list: .*\(backendError, 3 attempts\); state saved/m);
    expect(api.calls('videos.list')).toHaveLength(5);
    const again = await runCollect(args(), { clock });
    expect(again.code).toBe(0);
    expect(new Set(await storedIds()).size).toBe(500);
    expect(await storedIds()).toHaveLength(500);
  });
});

describe('item errors and configuration errors', () => {
  test('a missing channel and a forbidden playlist are recorded and skipped; the crawl goes on', async () => {
    api = await restartWithoutQuota({
      channels: [fakeChannel(1, [videoId(1), videoId(2)], '@one'), fakeChannel(2, [videoId(3)], '@two')],
    });
    api.inject({ method: 'playlistItems.list', error: 'forbidden', match: (r) => r.params['playlistId']!.endsWith(fakeChannel(2, []).id.slice(2)) });
    const channels = await writeLines(dir, 'channels.txt', ['@one', '@nobody', 'https://www.youtube.com/@two']);
    const run = await runCollect(args('--channels', channels), { clock: new ManualClock(EVENING) });
    expect(run.code).toBe(0);
    expect((await storedIds()).sort()).toEqual([videoId(1), videoId(2)]);
    const errors = (await readFile(path.join(state(), 'errors.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(errors.map((e) => [e.seed, e.reason])).toEqual([
      ['channel @nobody', 'channelNotFound'],
      ['channel @two', 'forbidden'],
    ]);
  });

  test('usage errors exit 2 with one line naming the file or variable', async () => {
    const clock = new ManualClock(EVENING);
    const missingFile = await runCollect(args('--seeds', path.join(dir, 'nope.txt')), { clock });
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr.trim()).toBe(`error: seed file not found: ${path.join(dir, 'nope.txt')}`);

    const noKey = await runCollect(args('--seeds', seeds), { clock, env: {} });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr.trim()).toBe(`error: no YouTube API key: set the environment variable ${KEY_ENV} (see --key-env)`);

    const badChannels = await writeLines(dir, 'bad-channels.txt', ['@fine', 'not a channel']);
    const badLine = await runCollect(args('--channels', badChannels), { clock });
    expect(badLine.code).toBe(2);
    expect(badLine.stderr).toMatch(/line 2 of .*bad-channels\.txt is not a channel id/);

    const wrongKey = await runCollect(args('--seeds', seeds), { clock, env: { [KEY_ENV]: 'AIza-wrong-key-000' } });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toMatch(/^error: the YouTube Data API refused the key \(keyInvalid\)/m);
    expect(wrongKey.stderr).not.toContain('AIza-wrong-key-000');
  });
});

async function restartWithoutQuota(extra: Partial<Parameters<typeof startFakeYoutubeApi>[0]> = {}): Promise<FakeYoutubeApi> {
  await api.close();
  return startFakeYoutubeApi({ videos: fakeVideos(500), key: TEST_KEY, ...extra });
}
