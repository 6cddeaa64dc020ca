import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Redactor } from '../../core/util/redact.js';
import { imageShas, writeConfig } from '../fixtures/datasets.js';
import { startFakeHub, type FakeHub } from '../fixtures/hub-server.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type RecordedRequest } from '../fixtures/openai-server.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../fixtures/youtube-api-server.js';
import { fakeVideos } from '../fixtures/youtube-catalog.js';
import { benchBatch, type BatchCase, type BatchResult } from './lib/cli-batch.js';
import { FAULT_SEED } from './lib/heavy.js';
import { memeProject, type MemeProject } from './lib/project.js';
import { secretHits } from './lib/sweep.js';

/**
 * Every command of the CLI run with sentinel secrets in its environment, against loopback servers
 * that echo the secrets back in errors (and, for the model server, in an answer); then stdout,
 * stderr, every file of the project (configs, runs, .bench, pulled data, collector state and
 * export) and the XDG cache are searched for the sentinels: there must be none.
 */
const SECRET = {
  openai: 'sk-SENTINEL-openai-5b1f0c9e2d',
  /** The key of a second model whose server puts the Authorization header it got into its answers. */
  echoed: 'sk-SENTINEL-echoed-a4c3e1f7b2',
  hf: 'hf_SENTINELhubtoken7d2a41',
  hfWrong: 'hf_SENTINELwrongtoken3c9e',
  youtube: 'AIzaSENTINEL-youtube-key-8e4d17',
  /** Never given to the CLI: a key inside a URL that the model server puts in an error body. */
  urlKey: 'SENTINELurlkey6f1a90',
};
const ALL = Object.values(SECRET);
const NOT_ECHOED = ALL.filter((secret) => secret !== SECRET.echoed);
const HUB_REPO = 'sentinel/memes';

let project: MemeProject;
let cache: string;
let model: FakeOpenAIServer;
let echo: FakeOpenAIServer;
let hub: FakeHub;
let youtube: FakeYoutubeApi;
const outputs: Record<string, string> = {};
let requests: RecordedRequest[];

/** The model server echoes what it got in errors: a 401 (sample 1) and a 500 (sample 2, once). */
function modelServer(project: MemeProject): Promise<FakeOpenAIServer> {
  const idOf = imageShas(project.data, [0, 1, 2, 3]);
  const sample = (r: RecordedRequest) => idOf.get(r.imageSha ?? '');
  return startFakeOpenAIServer({
    fault: (r) => {
      const auth = String(r.headers.authorization);
      if (sample(r) === '1') return { kind: 'status', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${auth}` } }) };
      if (sample(r) === '2' && r.attempt === 0) return { kind: 'status', status: 500, body: `upstream https://api.example.com/v1/chat?alt=json&key=${SECRET.urlKey} failed for ${auth}` };
      return undefined;
    },
  });
}

function run(name: string, args: readonly string[], env: Record<string, string> = {}): BatchCase & { name: string } {
  return { name, args, cwd: project.dir, env: { XDG_CACHE_HOME: cache, ...env } };
}

async function batch(cases: ReadonlyArray<BatchCase & { name: string }>): Promise<BatchResult[]> {
  const results = await benchBatch(cases);
  cases.forEach((c, i) => {
    outputs[`stdout of ${c.name}`] = results[i]!.stdout;
    outputs[`stderr of ${c.name}`] = results[i]!.stderr;
  });
  return results;
}

beforeAll(async () => {
  project = await memeProject('faults-secrets', 4);
  cache = join(project.dir, 'xdg-cache');
  model = await modelServer(project);
  echo = await startFakeOpenAIServer({ answer: (_body, _key, r) => `Yes (you sent ${String(r.headers.authorization)})` });
  hub = await startFakeHub({
    repo: HUB_REPO,
    token: SECRET.hf,
    files: [
      { path: 'README.md', content: new TextEncoder().encode('# memes\n') },
      { path: 'data/test-00000-of-00001.parquet', content: new Uint8Array(4096).fill(7), lfs: true },
    ],
  });
  youtube = await startFakeYoutubeApi({ videos: fakeVideos(12), key: SECRET.youtube });
  youtube.inject({ method: 'videos.list', error: 503, times: 1, echoUrl: true });
  youtube.inject({ method: 'videos.list', error: 'forbidden', times: 1, after: 1, echoUrl: true });

  writeConfig(project.dir, {
    models: {
      llava: { use: 'openai-compatible', endpoint: model.url, model: 'llava', apiKeyEnv: 'MMSOC_SENTINEL_KEY', concurrency: 2, retries: 1 },
      echo: { use: 'openai-compatible', endpoint: echo.url, model: 'echo', apiKeyEnv: 'MMSOC_SENTINEL_ECHO_KEY', concurrency: 2, retries: 1 },
    },
    tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    bootstrap: { samples: 50 },
  });
  writeFileSync(join(project.dir, 'seeds.txt'), fakeVideos(12).map((v) => v.resource.id).join('\n') + '\n');
  mkdirSync(join(project.dir, 'yt'));
  const withKey = { MMSOC_SENTINEL_KEY: SECRET.openai, MMSOC_SENTINEL_ECHO_KEY: SECRET.echoed };
  const hubEnv = (token: string) => ({ HF_ENDPOINT: hub.url, HF_TOKEN: token });
  const yt = ['collect', 'youtube', '--api-root', youtube.rootUrl, '--state', 'yt/state', '--key-env', 'MMSOC_SENTINEL_YT'];
  const ytEnv = { MMSOC_SENTINEL_YT: SECRET.youtube };
  const first = await batch([
    run('bench run', ['run', '-c', 'bench.config.ts'], withKey),
    run('bench run --debug (resume)', ['run', '-c', 'bench.config.ts', '--debug'], withKey),
    run('bench run --shard 0/2', ['run', '-c', 'bench.config.ts', '--shard', '0/2', '--out', 'shards'], withKey),
    run('bench run --shard 1/2', ['run', '-c', 'bench.config.ts', '--shard', '1/2', '--out', 'shards'], withKey),
    run('bench list models', ['list', 'models', '-c', 'bench.config.ts'], withKey),
    run('bench plugins list', ['plugins', 'list', '-c', 'bench.config.ts'], withKey),
    run('bench plugins doctor', ['plugins', 'doctor', '-c', 'bench.config.ts'], withKey),
    run('bench data pull', ['data', 'pull', HUB_REPO, '--out', 'pulled'], hubEnv(SECRET.hf)),
    run('bench data pull (rejected token)', ['data', 'pull', HUB_REPO, '--out', 'pulled-2'], hubEnv(SECRET.hfWrong)),
    run('bench collect youtube', [...yt, '--seeds', 'seeds.txt', '--max-attempts', '2'], ytEnv),
    run('bench collect youtube --status --export', [...yt, '--status', '--export', 'yt/export'], ytEnv),
  ]);
  expect(first.map((r) => r.code)).toEqual([1, 1, expect.any(Number), expect.any(Number), 0, 0, expect.any(Number), 0, 1, expect.any(Number), 0]);
  const runDir = join('runs', readdirSync(join(project.dir, 'runs'))[0]!);
  const shards = readdirSync(join(project.dir, 'shards')).map((name) => join('shards', name));
  await batch([
    run('bench report', ['report', runDir], withKey),
    run('bench report --format html', ['report', runDir, '--format', 'html'], withKey),
    run('bench report --format json', ['report', runDir, '--format', 'json'], withKey),
    run('bench report --format csv', ['report', runDir, '--format', 'csv'], withKey),
    run('bench compare', ['compare', runDir, runDir], withKey),
    run('bench merge', ['merge', ...shards, '--out', 'merged', '--allow-partial'], withKey),
  ]);
  requests = model.requests;
}, 120_000);
afterAll(async () => {
  await Promise.all([model.close(), echo.close(), hub.close(), youtube.close()]);
});

describe('secrets', () => {
  it('went where they belong: the API key as a bearer token, HF_TOKEN to the Hub, the YouTube key to the API', () => {
    expect(requests.length).toBeGreaterThan(4);
    expect(requests.every((r) => r.headers.authorization === `Bearer ${SECRET.openai}`)).toBe(true);
    expect(hub.requests.some((r) => r.authorization === `Bearer ${SECRET.hf}`)).toBe(true);
    expect(hub.requests.some((r) => r.authorization === `Bearer ${SECRET.hfWrong}`)).toBe(true);
    expect(youtube.requests.some((r) => r.url.includes(SECRET.youtube))).toBe(true);
    // The echoes happened: what the commands printed carries the masked errors.
    expect(outputs['stderr of bench data pull (rejected token)']).toMatch(/401|credentials/i);
  });

  it('appear in no output, log, run folder, cache, report, pulled data or collector state, even where servers echo them in errors', () => {
    const { hits, filesSwept } = secretHits(NOT_ECHOED, outputs, [project.dir, cache]);
    expect(filesSwept).toBeGreaterThan(40);
    expect(Object.keys(outputs)).toHaveLength(34);
    expect(hits).toEqual([]);
  });

  it('are masked in a model\'s answer too, before it is written to predictions, reports or the response cache', () => {
    expect(echo.requests.length).toBeGreaterThan(0);
    expect(secretHits([SECRET.echoed], outputs, [project.dir, cache]).hits).toEqual([]);
  });
});

describe('redaction of URLs carrying keys', () => {
  const NAMES = ['key', 'api_key', 'apikey', 'access_token', 'token', 'auth', 'sig', 'signature', 'KEY', 'Api_Key'];
  const value = fc.stringMatching(/^[A-Za-z0-9._~%+-]{1,40}$/);
  const param = fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/).filter((n) => !NAMES.map((x) => x.toLowerCase()).includes(n)), fc.stringMatching(/^[a-z0-9]{0,8}$/));

  it('masks the value of every key-like query parameter, wherever it stands, and keeps the rest (fast-check, seeded)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), value, fc.array(param, { maxLength: 3 }), fc.array(param, { maxLength: 3 }), fc.constantFrom('', '#frag', ' failed', '" }', "')"), (name, secret, before, after, tail) => {
        const query = [...before.map(([k, v]) => `${k}=${v}`), `${name}=${secret}`, ...after.map(([k, v]) => `${k}=${v}`)].join('&');
        const text = `GET https://api.example.com/v1/x?${query}${tail}`;
        const redacted = new Redactor().redact(text);
        expect(redacted).toContain(`${name}=***`);
        expect(redacted).not.toContain(`${name}=${secret}`);
        for (const [k, v] of [...before, ...after]) expect(redacted).toContain(`${k}=${v}`);
        expect(redacted.startsWith('GET https://api.example.com/v1/x?')).toBe(true);
      }),
      { seed: FAULT_SEED, numRuns: 300 },
    );
  });

  it('masks registered secrets and bearer tokens anywhere in a text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), fc.string(), fc.string(), (secret, left, right) => {
        const redactor = new Redactor();
        redactor.add(secret);
        expect(redactor.redact(`${left}${secret}${right}`)).not.toContain(secret);
        expect(new Redactor().redact(`${left} Authorization: Bearer ${secret} ${right}`)).not.toContain(`Bearer ${secret}`);
      }),
      { seed: FAULT_SEED, numRuns: 300 },
    );
  });
});
