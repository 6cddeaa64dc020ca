import { afterEach, beforeEach, expect, test } from '@jest/globals';
import path from 'node:path';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { youtubeCollector } from '../../plugins/collectors/youtube/index.js';
import type { CollectorContext, CollectorProgress } from '../../core/contracts/collector.js';
import { BenchError, EXIT, UsageError } from '../../core/errors.js';
import { createHttpClient } from '../../core/services/http.js';
import { createTransport } from '../../core/services/transport.js';
import { createPluginContext } from '../../core/run/plugin-context.js';
import { Redactor } from '../../core/util/redact.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { fakeVideos } from '../fixtures/youtube-catalog.js';
import { KEY_ENV, ManualClock, removeDir, tempDir, TEST_KEY, writeLines } from '../fixtures/youtube-harness.js';

let dir: string;
let api: FakeYoutubeApi;
let seeds: string;

beforeEach(async () => {
  dir = await tempDir();
  api = await startFakeYoutubeApi({ videos: fakeVideos(120), key: TEST_KEY });
  seeds = await writeLines(dir, 'seeds.txt', fakeVideos(120).map((v) => v.resource.id!));
});

afterEach(async () => {
  await api.close();
  await removeDir(dir);
});

/** The context `bench collect` hands the collector, on the test's environment and clock. */
function context(signal = new AbortController().signal): CollectorContext {
  const env: Record<string, string> = { [KEY_ENV]: TEST_KEY };
  const quiet = () => undefined;
  const services = {
    logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    http: createHttpClient(),
    transport: createTransport(),
    env: { get: (name: string) => env[name] },
    redactor: new Redactor(),
    clock: new ManualClock(Date.parse('2026-03-08T04:00:00Z')),
  };
  return { ...createPluginContext({ ...services, signal }), stateDir: path.join(dir, 'state') };
}

const options = () => ({ seeds: [seeds], apiRoot: api.rootUrl, keyEnv: KEY_ENV });

test('run() is an Observable of progress ending with the summary', async () => {
  const events: CollectorProgress[] = await lastValueFrom(youtubeCollector.run(options(), context()).pipe(toArray()));
  expect(youtubeCollector.id).toBe('youtube');
  expect(events.filter((e) => e.phase === 'details').map((e) => [e.done, e.total])).toEqual([
    [50, 50],
    [100, 100],
    [120, 120],
  ]);
  expect(events.at(-1)).toMatchObject({ phase: 'summary', message: expect.stringMatching(/^120 videos stored \(\+120\)/) });
});

test('bad options and an aborted signal end the stream with errors that carry the exit code', async () => {
  const unknown = firstValueFrom(youtubeCollector.run({ ...options(), bogus: true } as never, context()));
  await expect(unknown).rejects.toThrow(UsageError);
  await expect(unknown).rejects.toThrow(/bogus: unknown key/);
  await expect(firstValueFrom(youtubeCollector.run({ ...options(), budget: -1 }, context()))).rejects.toThrow(
    /^youtube collector: budget = -1: Too small/,
  );

  const aborted = new AbortController();
  aborted.abort();
  const interrupted = await lastValueFrom(youtubeCollector.run(options(), context(aborted.signal))).catch((e: unknown) => e);
  expect(interrupted).toBeInstanceOf(BenchError);
  expect((interrupted as BenchError).exitCode).toBe(EXIT.interrupted);
  expect(api.calls('videos.list')).toHaveLength(0);
});
