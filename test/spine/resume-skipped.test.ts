import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());

const linesOf = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; skipped?: boolean; error: string | null });

describe('skipped samples on resume', () => {
  it('are examined again: a row still bad adds no line, a fixed row is answered', async () => {
    const dir = tempDir('resume-skipped');
    await makeMemeDataset(join(dir, 'data'), { validation: 6 });
    renameSync(join(dir, 'data', 'img', '2.png'), join(dir, 'data', 'img', '2.png.away'));
    const config = writeConfig(dir, {
      models: { vlm: { use: 'openai-compatible', endpoint: server.url, model: 'vlm' } },
      tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    });
    const env = { XDG_CACHE_HOME: tempDir('xdg') };
    const run = async () => {
      const result = await benchInProcess(['run', '-c', config, '--no-cache'], { env });
      expect(result.code).toBe(0);
      return join(result.stdout.trim().split('\n').at(-1)!, 'predictions', 'hate-speech', 'vlm.jsonl');
    };

    const predictions = await run();
    const first = linesOf(predictions);
    expect(first).toHaveLength(6);
    expect(first.filter((r) => r.skipped).map((r) => r.id)).toEqual(['2']);

    expect(await run()).toBe(predictions);
    expect(linesOf(predictions)).toEqual(first);
    expect(server.requests).toHaveLength(5);

    renameSync(join(dir, 'data', 'img', '2.png.away'), join(dir, 'data', 'img', '2.png'));
    await run();
    const last = linesOf(predictions);
    expect(last).toHaveLength(7);
    expect(last.at(-1)).toMatchObject({ id: '2', error: null });
    expect(server.requests).toHaveLength(6);
  });
});
