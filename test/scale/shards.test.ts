import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseShard, inShard } from '../../core/pipeline/shard.js';
import { readPredictions } from '../../core/store/predictions-file.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

let server: FakeOpenAIServer | undefined;
afterEach(async () => server?.close());

const lastLine = (text: string) => text.trim().split('\n').at(-1)!;
const metricsOf = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));

describe('shards', () => {
  it('parses i/n and rejects anything else', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    for (const bad of ['4/4', '1', 'a/b', '-1/2', '0/0']) expect(() => parseShard(bad)).toThrow('--shard: expected i/n');
  });

  it('puts every id in exactly one shard, and spreads them', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `id-${i}`);
    const counts = [0, 1, 2, 3].map((index) => ids.filter((id) => inShard(id, { index, count: 4 })).length);
    expect(counts.reduce((a, b) => a + b)).toBe(1000);
    for (const count of counts) expect(count).toBeGreaterThan(200);
  });

  it('four shards merged give the results of one unsharded run, each sample asked once', async () => {
    server = await startFakeOpenAIServer();
    const dir = tempDir('shards');
    await makeMemeDataset(join(dir, 'data'), { train: 10, validation: 60 });
    const config = writeConfig(dir, {
      models: { vlm: { use: 'openai-compatible', endpoint: server.url, model: 'vlm' }, majority: { use: 'baseline/majority' } },
      tasks: { 'hate-speech': { dataset: { path: 'data' } } },
      bootstrap: { samples: 200 },
    });
    const env = { XDG_CACHE_HOME: tempDir('xdg') };
    const shardDirs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await benchInProcess(['run', '-c', config, '--shard', `${i}/4`, '--no-cache'], { env });
      expect(result.code).toBe(0);
      shardDirs.push(lastLine(result.stdout));
      expect(shardDirs[i]).toMatch(new RegExp(`-shard-${i}-of-4$`));
    }
    expect(server.requests.length).toBe(60);
    expect(new Set(server.requests.map((r) => r.key)).size).toBe(60);
    const sizes = shardDirs.map((d) => readPredictions(join(d, 'predictions', 'hate-speech', 'vlm.jsonl')).records.size);
    expect(sizes.reduce((a, b) => a + b)).toBe(60);

    const merged = await benchInProcess(['merge', ...shardDirs]);
    expect(merged.code).toBe(0);
    const mergedDir = lastLine(merged.stdout);
    expect(mergedDir).toMatch(/-merged$/);

    const whole = await benchInProcess(['run', '-c', config, '--out', join(dir, 'whole'), '--no-cache'], { env });
    expect(whole.code).toBe(0);
    const wholeDir = lastLine(whole.stdout);
    for (const key of ['results', 'counts', 'tasks', 'models', 'titles', 'tables'] as const) {
      expect(JSON.stringify(metricsOf(mergedDir)[key])).toBe(JSON.stringify(metricsOf(wholeDir)[key]));
    }
    // A rerun of a shard resumes that shard's folder.
    const again = await benchInProcess(['run', '-c', config, '--shard', '2/4'], { env });
    expect(lastLine(again.stdout)).toBe(shardDirs[2]);
    expect(readdirSync(join(dir, 'runs')).filter((d) => d.includes('shard-2-of-4'))).toHaveLength(1);
  });

  it('refuses to merge runs of different configs', async () => {
    const dir = tempDir('shards');
    await makeMemeDataset(join(dir, 'data'), { train: 4, validation: 4 });
    const a = writeConfig(dir, { models: { m: { use: 'baseline/majority' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } } }, 'a.config.ts');
    const b = writeConfig(dir, { models: { m: { use: 'baseline/random' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } } }, 'b.config.ts');
    const runA = lastLine((await benchInProcess(['run', '-c', a])).stdout);
    const runB = lastLine((await benchInProcess(['run', '-c', b])).stdout);
    const result = await benchInProcess(['merge', runA, runB]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/come from different configs/);
  });
});
