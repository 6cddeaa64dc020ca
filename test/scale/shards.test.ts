import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
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

describe('bench merge takes only the complete shards 0..n-1 of one config', () => {
  let dir: string;
  let shard0: string;
  let shard1: string;
  let unsharded: string;
  beforeAll(async () => {
    dir = tempDir('shard-set');
    await makeMemeDataset(join(dir, 'data'), { train: 4, validation: 12 });
    const config = writeConfig(dir, { models: { m: { use: 'baseline/majority' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } }, bootstrap: { samples: 50 } });
    shard0 = lastLine((await benchInProcess(['run', '-c', config, '--shard', '0/2'])).stdout);
    shard1 = lastLine((await benchInProcess(['run', '-c', config, '--shard', '1/2'])).stdout);
    unsharded = lastLine((await benchInProcess(['run', '-c', config])).stdout);
  });

  const mergeFails = async (runs: string[], problem: RegExp) => {
    const result = await benchInProcess(['merge', ...runs, '--out', join(dir, 'merged')]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(problem);
  };

  it('refuses one shard of two, naming the missing one', () => mergeFails([shard0], /missing shard 1\/2/));
  it('refuses the same shard twice', () => mergeFails([shard0, shard0], /shard 0\/2 given 2 times .*missing shard 1\/2|missing shard 1\/2.*shard 0\/2 given 2 times/));
  it('refuses a shard plus an unsharded run', () => mergeFails([shard0, unsharded], new RegExp(`${unsharded} is not a shard`)));

  it('refuses a shard that did not finish', async () => {
    const manifestPath = join(shard1, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, status: 'interrupted' }));
    try {
      await mergeFails([shard0, shard1], /shard 1\/2 .* is interrupted, not done/);
    } finally {
      writeFileSync(manifestPath, JSON.stringify(manifest));
    }
  });

  it('merges an incomplete set with --allow-partial, marked partial in the manifest and the report', async () => {
    const result = await benchInProcess(['merge', shard0, '--allow-partial', '--out', join(dir, 'partial')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/merged run is partial: missing shard 1\/2/);
    const merged = lastLine(result.stdout);
    const manifest = JSON.parse(readFileSync(join(merged, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('partial');
    expect(manifest.partial).toEqual(['missing shard 1/2']);
    expect(metricsOf(merged).partial).toEqual(['missing shard 1/2']);
    expect(readFileSync(join(merged, 'report.md'), 'utf8')).toMatch(/\*\*Partial: covers only part of the data\*\* \(missing shard 1\/2\)/);
  });

  it('merges the complete set without a mark', async () => {
    const result = await benchInProcess(['merge', shard1, shard0, '--out', join(dir, 'complete')]);
    expect(result.code).toBe(0);
    const merged = lastLine(result.stdout);
    expect(JSON.parse(readFileSync(join(merged, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'done' });
    expect(metricsOf(merged).partial).toBeUndefined();
  });
});
