import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { maskUrl } from '../../core/config/secrets.js';
import { Redactor } from '../../core/util/redact.js';
import { benchChild } from '../fixtures/cli.js';
import { imageShas, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';
import { memeProject, type MemeProject } from './lib/project.js';
import { secretHits } from './lib/sweep.js';

/**
 * Secrets written into the config itself, not read from the environment: a header value
 * (`'X-Api-Key': process.env.KEY` evaluates to the key), the query string of an endpoint
 * (`?api_key=...`) and its userinfo (`http://user:pass@host`). The server echoes the URL and headers
 * it got into an error body, so they reach error messages too. None of them may be in any file of a
 * run (manifests of runs, shards and merged runs; predictions; reports) or in the command output.
 */
const SECRET = {
  header: 'SENTINELheaderkey81c2e7',
  query: 'SENTINELquerykey4b09d1',
  user: 'SENTINELuser7f3a',
  password: 'SENTINELpass26e5b8',
};

let project: MemeProject;
let server: FakeOpenAIServer;
const outputs: Record<string, string> = {};

beforeAll(async () => {
  project = await memeProject('config-secrets', 4);
  const idOf = imageShas(project.data, [0, 1, 2, 3]);
  server = await startFakeOpenAIServer({
    // Sample 1 always fails with everything the server got: its record's error must be masked.
    fault: (r) =>
      idOf.get(r.imageSha ?? '') === '1'
        ? { kind: 'status', status: 500, body: `bad gateway for ${r.path} with ${JSON.stringify(r.headers)}` }
        : undefined,
  });
  const endpoint = server.url.replace('http://', `http://${SECRET.user}:${SECRET.password}@`) + `?api_key=${SECRET.query}`;
  writeConfig(project.dir, {
    models: { llava: { use: 'openai-compatible', endpoint, model: 'llava', headers: { 'X-Api-Key': SECRET.header }, retries: 1, concurrency: 2 } },
    tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    bootstrap: { samples: 50 },
  });
  const runs: Array<[string, string[]]> = [
    ['run', ['run']],
    ['shard 0', ['run', '--shard', '0/2', '--out', 'shards']],
    ['shard 1', ['run', '--shard', '1/2', '--out', 'shards']],
  ];
  for (const [name, args] of runs) {
    const result = await benchChild(args, { cwd: project.dir }).done;
    // Sample 1 fails: exit 1 for the run, and for the shard that holds it.
    expect([0, 1]).toContain(result.code);
    if (name === 'run') expect(result.code).toBe(1);
    outputs[`stdout of ${name}`] = result.stdout;
    outputs[`stderr of ${name}`] = result.stderr;
  }
  // The shard holding sample 1 is not done (a failed sample), so the merge is a partial one.
  const shardDirs = outputs['stdout of shard 0']!.trim().split('\n').at(-1)!;
  const merged = await benchChild(['merge', shardDirs, outputs['stdout of shard 1']!.trim().split('\n').at(-1)!, '--out', 'merged', '--json', '--allow-partial'], { cwd: project.dir }).done;
  outputs['stdout of merge'] = merged.stdout;
  outputs['stderr of merge'] = merged.stderr;
  expect(merged.code).toBe(0);
  // With --json, stdout is the metrics and nothing else; the merged run's folder is on stderr.
  expect(JSON.parse(merged.stdout).counts['hate-speech'].llava).toMatchObject({ samples: 4 });
  expect(merged.stderr).toMatch(/^run folder: .+$/m);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('secrets written into the config', () => {
  it('are sent: the header, the userinfo as basic auth, and the query string after the chat-completions path', () => {
    const chat = server.requests.filter((r) => r.body);
    expect(chat.length).toBeGreaterThan(0);
    for (const request of chat) {
      expect(request.path).toBe(`/v1/chat/completions?api_key=${SECRET.query}`);
      expect(request.headers['x-api-key']).toBe(SECRET.header);
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${SECRET.user}:${SECRET.password}`).toString('base64')}`);
    }
  });

  it('appear in no manifest, prediction, report or output', () => {
    const dirs = ['runs', 'shards', 'merged'].map((name) => join(project.dir, name));
    const { hits, filesSwept } = secretHits(Object.values(SECRET), outputs, dirs);
    expect(filesSwept).toBeGreaterThan(10);
    expect(hits).toEqual([]);
  });

  it('are masked, not dropped, in the manifest config', async () => {
    const { readFileSync } = await import('node:fs');
    const runDir = outputs['stdout of run']!.trim().split('\n').at(-1)!;
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.config.models.llava.headers).toEqual({ 'X-Api-Key': '***' });
    expect(manifest.config.models.llava.endpoint).toBe(`${server.url.replace('http://', 'http://***@')}?api_key=***`);
  });
});

describe('masking of config values', () => {
  it('free text: userinfo of any URL, long query values and header values; short values like json stay readable', () => {
    const redactor = new Redactor();
    redactor.addUrl('https://alice:hunter2-long-pass@api.example.com/v1?format=json&api-version=2024-02-15-preview');
    redactor.addConfigValue('mmsoc');
    const text = 'POST https://bob:pw@api.example.com/v1 format json 2024-02-15-preview hunter2-long-pass mmsoc';
    expect(redactor.redact(text)).toBe('POST https://***@api.example.com/v1 format json *** *** mmsoc');
  });

  it('manifests: every userinfo part and query value whatever its length; plain URLs unchanged', () => {
    expect(maskUrl('http://u:p@gpu-1:8000/v1?key=k&format=json')).toBe('http://***:***@gpu-1:8000/v1?key=***&format=***');
    expect(maskUrl('http://gpu-1:8000/v1')).toBe('http://gpu-1:8000/v1');
  });
});
