import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { benchChild } from '../fixtures/cli.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';
import { llavaConfig, memeProject } from './lib/project.js';

/**
 * A server that cannot answer is said so at once, in one line naming the model, the endpoint and the
 * cause: before the first sample (exit code 2), or, when it goes away mid-run, on the progress line
 * and then by stopping the model after `downAfterMs` (exit code 1) instead of a run that crawls.
 */

/** A loopback port nothing listens on: the OS picks a free one, which is closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runOnce(endpoint: string, model: Record<string, unknown>, env: Record<string, string> = {}, samples = 6) {
  const project = await memeProject('endpoints-down', samples);
  llavaConfig(project, endpoint, model);
  return { project, result: await benchChild(['run'], { cwd: project.dir, env }).done };
}

describe('before the first sample', () => {
  it('an endpoint nobody listens on: exit 2, one line, connection refused', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/v1`;
    const { result } = await runOnce(endpoint, {});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([`error: models.llava: ${endpoint}: connection refused`]);
  });

  it('the http plugin (no model list, maybe no GET route) is checked by connecting: refused is exit 2 too', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const { result } = await runOnce(endpoint, { use: 'http', path: '/generate', body: { inputs: '{{prompt}}' }, responsePath: 'generated_text' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`error: models.llava: ${endpoint}: connection refused`);
  });

  it('a host that does not resolve: exit 2, DNS named', async () => {
    const { result } = await runOnce('http://no-such-host.invalid:8000/v1', {});
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('error: models.llava: http://no-such-host.invalid:8000/v1: host not found (DNS)');
  });

  it('a key the server refuses: exit 2 with the 401, and the key in no output', async () => {
    server = await startFakeOpenAIServer({ apiKey: 'sk-the-right-key', models: ['llava'] });
    const { result } = await runOnce(server.url, { apiKeyEnv: 'MMSOC_TEST_KEY' }, { MMSOC_TEST_KEY: 'sk-a-wrong-key' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`error: models.llava: ${server.url}: HTTP 401 unauthorized: the server refused the key (check apiKeyEnv or headers)`);
    expect(server.requests).toHaveLength(0);
  });

  it('a served model name the server does not list: exit 2 with did-you-mean, no sample sent', async () => {
    server = await startFakeOpenAIServer({ models: ['llava-hf/llava-1.5-7b-hf', 'Qwen/Qwen2-VL-7B-Instruct'] });
    const { result } = await runOnce(server.url, { model: 'llava-1.5-7b' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `error: models.llava: ${server.url}: serves no model 'llava-1.5-7b' (GET /models); did you mean 'llava-hf/llava-1.5-7b-hf'?`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('a listed served model passes, and so does a server without GET /models', async () => {
    server = await startFakeOpenAIServer({ models: ['llava'] });
    expect((await runOnce(server.url, {})).result.code).toBe(0);
    await server.close();
    server = await startFakeOpenAIServer();
    expect((await runOnce(server.url, {})).result.code).toBe(0);
  });
});

describe('an endpoint that goes away mid-run', () => {
  it('shows on the progress line, stops the model after downAfterMs with exit 1, and a rerun finishes the rest', async () => {
    const samples = 40;
    let stopped = false;
    const live: FakeOpenAIServer = await startFakeOpenAIServer({
      latencyMs: 20,
      // The server dies at its 9th request (after some samples are written) and refuses from then on.
      fault: (r) => {
        if (stopped || r.index < 8) return undefined;
        stopped = true;
        setImmediate(() => void live.stop());
        return { kind: 'reset' };
      },
    });
    server = live;
    const project = await memeProject('endpoints-down-mid-run', samples);
    llavaConfig(project, live.url, { concurrency: 2, downAfterMs: 3000, retries: 100 });
    const run = benchChild(['run'], { cwd: project.dir });
    const result = await run.done;
    expect(stopped).toBe(true);
    expect(result.code).toBe(1);
    const port = new URL(live.url).port;
    expect(result.stderr).toMatch(new RegExp(`hate-speech x llava .* 127\\.0\\.0\\.1:${port}: connection (refused|reset), retrying`));
    expect(result.stderr).toMatch(
      new RegExp(`error: hate-speech x llava: every endpoint has failed for 3 s \\(127\\.0\\.0\\.1:${port}: connection refused\\); stopped this model, rerun to resume`),
    );

    // Nothing was recorded as failed: the rerun asks the server again for exactly the samples left.
    const runDir = join(project.dir, 'runs', readdirSync(join(project.dir, 'runs'))[0]!);
    const lines = readFileSync(join(runDir, 'predictions', 'hate-speech', 'llava.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(samples);
    for (const line of lines) expect(JSON.parse(line).error).toBeNull();
    await live.restart();
    const answeredBefore = live.requests.filter((r) => r.outcome === 'answered').length;
    const rerun = await benchChild(['run'], { cwd: project.dir }).done;
    expect(rerun.code).toBe(0);
    const keys = new Set(live.requests.map((r) => r.key));
    expect(keys.size).toBe(samples);
    expect(live.requests.filter((r) => r.outcome === 'answered').length - answeredBefore).toBeLessThanOrEqual(samples);
  }, 60_000);
});
