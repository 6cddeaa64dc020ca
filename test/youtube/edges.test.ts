import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { access, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { collectorFlags } from '../../core/cli/collector-flags.js';
import { youtubeCollector } from '../../plugins/collectors/youtube/plugin.js';
import { isFetched } from '../../plugins/collectors/youtube/video-record.js';
import { startFakeYoutubeApi, type FakeYoutubeApi, type ReplyFault } from '../fixtures/youtube-api-server.js';
import { fakeChannel, fakeVideos, videoId } from '../fixtures/youtube-catalog.js';
import { filesUnder, KEY_ENV, ManualClock, readVideoLines, removeDir, runCollect, tempDir, TEST_KEY, writeLines } from '../fixtures/youtube-harness.js';

/** 2026-03-07 20:00 PST. */
const EVENING = Date.parse('2026-03-08T04:00:00Z');
const VIDEOS = 120;

let dir: string;
let api: FakeYoutubeApi;
let seeds: string;

beforeEach(async () => {
  dir = await tempDir();
  api = await startFakeYoutubeApi({ videos: fakeVideos(VIDEOS), key: TEST_KEY, channels: [fakeChannel(1, [videoId(0), videoId(1), videoId(2)], '@one')] });
  seeds = await writeLines(dir, 'seeds.txt', fakeVideos(VIDEOS).map((v) => v.resource.id!));
});

afterEach(async () => {
  await api.close();
  await removeDir(dir);
});

const state = () => path.join(dir, 'state');
const args = (...more: string[]) => ['--api-root', api.rootUrl, '--state', state(), '--key-env', KEY_ENV, ...more];
const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('error'));
const ledger = async () => JSON.parse(await readFile(path.join(state(), 'checkpoint.json'), 'utf8')).quota;

describe('answers that are not the API\'s, and requests that get none', () => {
  const cases: [ReplyFault, RegExp][] = [
    ['truncatedJson', /videos\.list: HTTP 200 with a body that is not JSON \(\d+ bytes\) \(malformedReply, 3 attempts\)/],
    ['plainText', /videos\.list: HTTP 200 with a body that is not JSON \(\d+ bytes\) \(malformedReply, 3 attempts\)/],
    ['htmlPage', /videos\.list: HTTP 404 without a Data API error \(text\/html, \d+ bytes\) \(http404, 3 attempts\)/],
    ['wrongShape', /videos\.list: HTTP 200 with JSON of the wrong shape \(kind: .*\) \(malformedReply, 3 attempts\)/],
    ['hang', /videos\.list: no answer within 0\.2 s \(--timeout\) \(timeout, 3 attempts\)/],
  ];

  test.each(cases)('%s on videos.list: retried, then exit 1 with one line; no id marked unavailable; a healthy rerun fetches them', async (fault, line) => {
    api.inject({ method: 'videos.list', error: fault, after: 1, times: 3 });
    const clock = new ManualClock(EVENING);
    const run = await runCollect(args('--seeds', seeds, '--max-attempts', '3', '--timeout', '0.2'), { clock });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(line)]);
    expect(errorLines(run.stderr)[0]).toMatch(/; state saved, run the same command again later$/);
    expect(clock.sleeps).toHaveLength(2);
    expect(api.calls('videos.list')).toHaveLength(4);
    // Every attempt is on the ledger: the API may bill an answer that was lost on the way.
    expect((await ledger()).used.other).toBe(4);
    const stopped = await readVideoLines(state());
    expect(stopped.filter((l) => !isFetched(l))).toEqual([]);
    expect(stopped).toHaveLength(50);

    const rerun = await runCollect(args(), { clock });
    expect(rerun.code).toBe(0);
    const lines = await readVideoLines(state());
    expect(lines.filter((l) => !isFetched(l))).toEqual([]);
    expect(new Set(lines.map((l) => l.id)).size).toBe(VIDEOS);
  });

  test('an API error refusing a whole videos.list batch stops the run (exit 1) and leaves its ids queued, not unavailable', async () => {
    api.inject({ method: 'videos.list', error: 'forbidden', after: 1 });
    const clock = new ManualClock(EVENING);
    const run = await runCollect(args('--seeds', seeds), { clock });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/^error: stopped: videos\.list: forbidden \(forbidden\); its 50 ids stay queued; state saved/)]);
    expect(api.calls('videos.list')).toHaveLength(2);
    expect((await readVideoLines(state())).filter((l) => !isFetched(l))).toEqual([]);

    expect((await runCollect(args(), { clock })).code).toBe(0);
    expect((await readVideoLines(state())).filter(isFetched)).toHaveLength(VIDEOS);
  });

  test("a proxy's HTML page for a channel's uploads is retried and stops the run; the channel is not recorded as refused", async () => {
    api.inject({ method: 'playlistItems.list', error: 'htmlPage', echoUrl: true, times: 2 });
    const channels = await writeLines(dir, 'channels.txt', ['@one']);
    const clock = new ManualClock(EVENING);
    const run = await runCollect(args('--channels', channels, '--max-attempts', '2'), { clock });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/^error: stopped: playlistItems\.list: HTTP 404 without a Data API error/)]);
    expect(run.stderr).not.toContain(TEST_KEY);
    await expect(readFile(path.join(state(), 'errors.jsonl'), 'utf8')).resolves.toBe('');

    expect((await runCollect(args(), { clock })).code).toBe(0);
    expect((await readVideoLines(state())).map((l) => l.id).sort()).toEqual([videoId(0), videoId(1), videoId(2)]);
  });
});

test('backoff as documented: waits from the upper half of windows doubling from 1 s; a longer Retry-After wins', async () => {
  api.inject({ method: 'videos.list', error: 503, times: 4 });
  api.inject({ method: 'videos.list', error: 503, retryAfter: 3, times: 4, after: 1 });
  const clock = new ManualClock(EVENING);
  const run = await runCollect(args('--seeds', seeds, '--max-attempts', '5'), { clock });
  expect(run.code).toBe(0);
  expect(api.calls('videos.list')).toHaveLength(11);
  const [a, b, c, d, e, f, g, h] = clock.sleeps;
  expect(clock.sleeps).toHaveLength(8);
  for (const [wait, window] of [[a, 1_000], [b, 2_000], [c, 4_000], [d, 8_000]] as const) {
    expect(wait).toBeGreaterThanOrEqual(window / 2);
    expect(wait).toBeLessThan(window);
  }
  // Retry-After: 3 against windows of 1, 2, 4 and 8 s.
  expect([e, f]).toEqual([3_000, 3_000]);
  expect(g).toBeGreaterThanOrEqual(3_000);
  expect(g).toBeLessThan(4_000);
  expect(h).toBeGreaterThanOrEqual(4_000);
  expect(h).toBeLessThan(8_000);
});

describe('a --state folder that does not exist', () => {
  test('--status, --export, --refresh and a bare continue exit 2 naming it, create nothing, and leave a good export as it was', async () => {
    const clock = new ManualClock(EVENING);
    const out = path.join(dir, 'dataset');
    expect((await runCollect(args('--seeds', seeds, '--export', out), { clock })).code).toBe(0);
    const exported = await snapshot(out);
    expect(Object.keys(exported)).toHaveLength(3);

    const typo = path.join(dir, 'stat');
    const at = (...more: string[]) => ['--api-root', api.rootUrl, '--state', typo, '--key-env', KEY_ENV, ...more];
    const line = `error: no collector state in ${typo} (no checkpoint.json): pass the --state of an earlier crawl, or start one with --seeds, --channels, --most-popular or --search\n`;
    for (const more of [['--status'], ['--export', out], ['--refresh'], [], ['--status', '--export', out]]) {
      const run = await runCollect(at(...more), { clock });
      expect([run.code, run.stderr, run.stdout]).toEqual([2, line, '']);
      await expect(access(typo)).rejects.toThrow(/ENOENT/);
    }
    // A folder that exists but holds no state is refused the same way, and left empty.
    await mkdir(typo);
    expect((await runCollect(at('--export', out), { clock })).code).toBe(2);
    expect(await readdir(typo)).toEqual([]);
    expect(await snapshot(out)).toEqual(exported);
  });
});

test('progress: at most one line a second, each with the quota used and left and the share of the seed files read', async () => {
  await api.close();
  api = await startFakeYoutubeApi({ videos: fakeVideos(2_000), key: TEST_KEY });
  const many = await writeLines(dir, 'many.txt', fakeVideos(2_000).map((v) => v.resource.id!));
  // Each videos.list call takes a quarter of a second: 40 calls, 10 s.
  const clock = new (class extends ManualClock {
    override now(): number {
      return EVENING + 250 * api.calls('videos.list').length;
    }
  })(EVENING);
  const run = await runCollect(args('--seeds', many), { clock, progressEveryMs: 1_000 });
  expect(run.code).toBe(0);
  expect(api.calls('videos.list')).toHaveLength(40);
  const progress = run.stderr.split('\n').filter(Boolean);
  expect(progress.length).toBeGreaterThanOrEqual(5);
  expect(progress.length).toBeLessThanOrEqual(11);
  const shares = progress.map((line) => {
    const match = /^(seeds|details) \d+\/\d+, quota today (\d+) units \(other \2, search 0\), (\d+) left of 10000, seed files (\d+)% read$/.exec(line);
    expect(match).not.toBeNull();
    expect(Number(match![2]) + Number(match![3])).toBe(10_000);
    return Number(match![4]);
  });
  expect(shares).toEqual([...shares].sort((x, y) => x - y));
  expect(shares.at(-1)).toBeLessThanOrEqual(100);
});

test('every option of the command is in docs/youtube.md', async () => {
  const doc = await readFile('docs/youtube.md', 'utf8');
  const missing = Object.keys(collectorFlags(youtubeCollector)).filter((name) => !doc.includes(`--${name}`));
  expect(missing).toEqual([]);
});

/** Every file under a folder with its bytes, by path. */
async function snapshot(folder: string): Promise<Record<string, Buffer>> {
  return Object.fromEntries(await Promise.all((await filesUnder(folder)).map(async (file) => [file, await readFile(file)] as const)));
}
