import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { fakeChannel, fakeVideos, videoId } from '../fixtures/youtube-catalog.js';
import {
  filesUnder,
  KEY_ENV,
  ManualClock,
  removeDir,
  runCollect,
  tempDir,
  TEST_KEY,
  writeLines,
  type CollectRun,
} from '../fixtures/youtube-harness.js';

const EVENING = Date.parse('2026-03-08T04:00:00Z');
const DAY = 24 * 3600_000;

let dir: string;
let api: FakeYoutubeApi;

beforeEach(async () => {
  dir = await tempDir();
  api = await startFakeYoutubeApi({
    videos: fakeVideos(200),
    key: TEST_KEY,
    channels: [fakeChannel(1, [videoId(150), videoId(151)], '@one'), fakeChannel(2, [videoId(160)], '@two')],
    searches: { dogs: [videoId(170), videoId(171)] },
  });
});

afterEach(async () => {
  await api.close();
  await removeDir(dir);
});

test('the API key appears in no file the collector wrote and in none of its output, even when the API echoes it', async () => {
  const state = path.join(dir, 'state');
  const out = path.join(dir, 'dataset');
  const args = (...more: string[]) => ['--api-root', api.rootUrl, '--state', state, '--key-env', KEY_ENV, ...more];
  // Error messages that quote the request URL, `key=` included.
  api.inject({ method: 'playlistItems.list', error: 'forbidden', echoUrl: true, match: (r) => r.params['playlistId']!.endsWith(fakeChannel(2, []).id.slice(2)) });
  api.inject({ method: 'videos.list', error: 503, times: 2, after: 1, echoUrl: true });
  const seeds = await writeLines(dir, 'seeds.txt', fakeVideos(120).map((v) => v.resource.id!));
  const channels = await writeLines(dir, 'channels.txt', ['@one', '@two']);
  const clock = new ManualClock(EVENING);

  const runs: CollectRun[] = [];
  runs.push(await runCollect(args('--seeds', seeds, '--channels', channels, '--search', 'dogs', '--max-attempts', '2'), { clock }));
  expect(runs[0]!.code).toBe(1);
  expect(runs[0]!.stderr).toMatch(/Backend Error \(request http:.*key=\*\*\*/);
  runs.push(await runCollect(args('--status'), { clock }));
  runs.push(await runCollect(args(), { clock }));
  expect(runs[2]!.code).toBe(0);
  clock.advance(26 * DAY);
  runs.push(await runCollect(args('--refresh', '--status', '--export', out), { clock }));
  expect(runs[3]!.code).toBe(0);

  // The leak was real: the fake put the key into its answers, and the collector kept the redacted text.
  expect(api.requests.every((r) => r.method === 'thumbnail' || r.url.includes(TEST_KEY))).toBe(true);
  expect(await readFile(path.join(state, 'errors.jsonl'), 'utf8')).toMatch(/forbidden \(request http:.*key=\*\*\*/);

  const files = [...(await filesUnder(state)), ...(await filesUnder(out))];
  expect(files.length).toBeGreaterThan(100);
  const key = Buffer.from(TEST_KEY);
  const leaks = [];
  for (const file of files) if ((await readFile(file)).includes(key)) leaks.push(file);
  for (const [i, run] of runs.entries()) {
    if (run.stdout.includes(TEST_KEY)) leaks.push(`stdout of run ${i}`);
    if (run.stderr.includes(TEST_KEY)) leaks.push(`stderr of run ${i}`);
  }
  expect(leaks).toEqual([]);
});
