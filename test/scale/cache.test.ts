import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function project(params: Record<string, unknown>) {
  const dir = tempDir('cache');
  await makeMemeDataset(join(dir, 'data'), { validation: 12 });
  const config = (p: Record<string, unknown>, name = 'bench.config.ts') =>
    writeConfig(dir, { models: { vlm: { use: 'openai-compatible', endpoint: server!.url, model: 'vlm', params: p } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } } }, name);
  return { dir, config: config(params), other: (p: Record<string, unknown>) => config(p, 'other.config.ts') };
}

describe('response cache', () => {
  it('answers a rerun from the cache with zero requests, and misses when a generation parameter changes', async () => {
    server = await startFakeOpenAIServer();
    const { config, other } = await project({ max_tokens: 8 });
    const env = { XDG_CACHE_HOME: tempDir('xdg') };
    expect((await benchInProcess(['run', '-c', config], { env })).code).toBe(0);
    expect(server.requests.length).toBe(12);

    const fresh = await benchInProcess(['run', '-c', config, '--fresh', '--json'], { env });
    expect(fresh.code).toBe(0);
    expect(server.requests.length).toBe(12);
    expect(JSON.parse(fresh.stdout.slice(0, fresh.stdout.lastIndexOf('}') + 1)).counts['hate-speech'].vlm).toMatchObject({ samples: 12, cached: 12 });

    expect((await benchInProcess(['run', '-c', other({ max_tokens: 9 })], { env })).code).toBe(0);
    expect(server.requests.length).toBe(24);

    expect((await benchInProcess(['run', '-c', config, '--fresh', '--no-cache'], { env })).code).toBe(0);
    expect(server.requests.length).toBe(36);
  });

  it('never caches sampled (temperature > 0, no seed) requests', async () => {
    server = await startFakeOpenAIServer();
    const { config } = await project({ temperature: 0.7 });
    const env = { XDG_CACHE_HOME: tempDir('xdg') };
    await benchInProcess(['run', '-c', config], { env });
    await benchInProcess(['run', '-c', config, '--fresh'], { env });
    expect(server.requests.length).toBe(24);
  });
});
