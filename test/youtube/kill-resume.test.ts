import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isFetched } from '../../collectors/youtube/video-record.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { fakeVideos } from '../fixtures/youtube-catalog.js';
import { KEY_ENV, ManualClock, readVideoLines, removeDir, runCollect, tempDir, TEST_KEY, writeLines } from '../fixtures/youtube-harness.js';

const ENTRY = path.resolve('test/fixtures/youtube-cli-entry.ts');
const VIDEOS = 600;
const ALL_IDS = fakeVideos(VIDEOS).map((v) => v.resource.id!);

let dir: string;
let api: FakeYoutubeApi;
let seeds: string;

beforeEach(async () => {
  dir = await tempDir();
  // Slow detail calls so a kill lands mid-crawl; thumbnails stay fast.
  api = await startFakeYoutubeApi({ videos: fakeVideos(VIDEOS), key: TEST_KEY, latencyMs: { 'videos.list': 60 } });
  seeds = await writeLines(dir, 'seeds.txt', ALL_IDS);
});

afterEach(async () => {
  await api.close();
  await removeDir(dir);
});

const state = () => path.join(dir, 'state');
const args = () => ['--seeds', seeds, '--api-root', api.rootUrl, '--state', state(), '--key-env', KEY_ENV];

interface Child {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

function startCollector(): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args()], {
    env: { ...process.env, NODE_OPTIONS: '', [KEY_ENV]: TEST_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return {
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }))),
    kill: (signal) => child.kill(signal),
  };
}

async function whenDetailCalls(n: number): Promise<void> {
  while (api.calls('videos.list').length < n) await new Promise((r) => setTimeout(r, 5));
}

/** What an uninterrupted crawl of the same seeds costs, measured on a fresh fake and state directory. */
async function uninterruptedCalls(): Promise<number> {
  const fresh = await startFakeYoutubeApi({ videos: fakeVideos(VIDEOS), key: TEST_KEY });
  try {
    const run = await runCollect(
      ['--seeds', seeds, '--api-root', fresh.rootUrl, '--state', path.join(dir, 'baseline'), '--key-env', KEY_ENV],
      { clock: new ManualClock(Date.now()) },
    );
    expect(run.code).toBe(0);
    return fresh.calls('videos.list').length;
  } finally {
    await fresh.close();
  }
}

test('kill -9 twice mid-crawl (and a torn last line): the reruns fetch nothing twice, miss nothing, and pay only for calls in flight', async () => {
  const baseline = await uninterruptedCalls();
  expect(baseline).toBe(VIDEOS / 50);

  for (const killAt of [3, 7]) {
    const child = startCollector();
    await whenDetailCalls(killAt);
    child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
  }
  // A crash in the middle of an append leaves half a line behind.
  await appendFile(path.join(state(), 'videos.jsonl'), '{"id":"v00000');

  const last = await startCollector().exited;
  expect(last.stderr).not.toMatch(/error/);
  expect(last.code).toBe(0);

  const lines = await readVideoLines(state());
  expect(lines.map((l) => l.id).sort()).toEqual([...ALL_IDS].sort());
  const calls = api.calls('videos.list');
  // Sequential calls: at most one was in flight at each of the two kills.
  expect(calls.length).toBeLessThanOrEqual(baseline + 2);
  const seen = new Map<string, number>();
  for (const id of calls.flatMap((c) => c.ids)) seen.set(id, (seen.get(id) ?? 0) + 1);
  const twice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  const repeatedCalls = calls.filter((c) => c.ids.some((id) => twice.includes(id)));
  expect(twice.length).toBeLessThanOrEqual(2 * 50);
  expect(new Set(repeatedCalls.map((c) => c.ids.join())).size).toBeLessThanOrEqual(2);
  expect(seen.size).toBe(VIDEOS);
  // The ledger booked every call before it left, in-flight ones included.
  const checkpoint = JSON.parse(await readFile(path.join(state(), 'checkpoint.json'), 'utf8'));
  expect(checkpoint.quota.used.other).toBe(api.quotaUsed.other);
  const thumbs = (await readFile(path.join(state(), 'thumbnails.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).id);
  expect(new Set(thumbs).size).toBe(thumbs.length);
  expect(new Set(thumbs)).toEqual(new Set(lines.filter(isFetched).map((l) => l.id)));
});

test('SIGINT stops taking work, finishes the call in flight, saves state and exits 130; the rerun fetches no id twice', async () => {
  const child = startCollector();
  await whenDetailCalls(4);
  child.kill('SIGINT');
  const interrupted = await child.exited;
  expect(interrupted.code).toBe(130);
  expect(interrupted.stderr).toMatch(/^error: interrupted: state saved/m);
  expect(interrupted.stdout).toMatch(/videos stored/);
  const stopped = (await readVideoLines(state())).length;
  expect(stopped).toBeGreaterThanOrEqual(200);
  expect(stopped).toBeLessThan(VIDEOS);

  const rerun = await startCollector().exited;
  expect(rerun.code).toBe(0);
  const requested = api.calls('videos.list').flatMap((c) => c.ids);
  expect(requested).toHaveLength(VIDEOS);
  expect(new Set(requested).size).toBe(VIDEOS);
  expect((await readVideoLines(state())).length).toBe(VIDEOS);
});
