import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { readPredictions } from '../../core/store/predictions-file.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type Fault } from '../fixtures/openai-server.js';

let servers: FakeOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function project(samples: number, model: Record<string, unknown>) {
  const dir = tempDir('endpoints');
  await makeMemeDataset(join(dir, 'data'), { validation: samples });
  const config = writeConfig(dir, {
    models: { vlm: { use: 'openai-compatible', model: 'vlm', ...model } },
    tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    bootstrap: { samples: 50 },
  });
  const records = () => {
    const out = join(dir, 'runs');
    return readPredictions(join(out, readdirSync(out)[0]!, 'predictions', 'hate-speech', 'vlm.jsonl')).records;
  };
  return { config, records };
}

describe('endpoint pools', () => {
  it('spreads load by speed: a faster replica answers more', async () => {
    const latencies = [10, 40, 160];
    servers = await Promise.all(latencies.map((latencyMs) => startFakeOpenAIServer({ latencyMs })));
    const { config, records } = await project(300, { endpoints: servers.map((s) => s.url), concurrency: 4 });
    const result = await benchInProcess(['run', '-c', config]);
    expect(result.code).toBe(0);
    expect(records().size).toBe(300);
    const [fast, medium, slow] = servers.map((s) => s.requests.length);
    expect(fast! + medium! + slow!).toBe(300);
    expect(fast!).toBeGreaterThan(medium!);
    expect(medium!).toBeGreaterThan(slow!);
    for (const server of servers) expect(server.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('finishes every sample exactly once when a replica dies mid-run', async () => {
    servers = await Promise.all([startFakeOpenAIServer({ latencyMs: 20 }), startFakeOpenAIServer({ latencyMs: 20 })]);
    const [survivor, victim] = servers as [FakeOpenAIServer, FakeOpenAIServer];
    const { config, records } = await project(200, { endpoints: [survivor.url, victim.url], concurrency: 4, timeoutMs: 2_000 });
    const running = benchInProcess(['run', '-c', config]);
    while (victim.requests.length < 30) await new Promise((r) => setTimeout(r, 5));
    await victim.close();
    const result = await running;
    expect(result.code).toBe(0);
    const written = records();
    expect(written.size).toBe(200);
    expect([...written.values()].every((r) => r.error === null)).toBe(true);
    // Every sample was answered by the survivor or by the victim before it died; the ones the victim
    // never answered went to the survivor.
    const answeredBy = (server: FakeOpenAIServer) => new Set(server.requests.filter((r) => server.answeredCount(r.key) > 0).map((r) => r.key));
    const keys = new Set([...answeredBy(survivor), ...answeredBy(victim)]);
    expect(keys.size).toBe(200);
  });

  it('halves concurrency in a 429 storm and climbs back after it', async () => {
    const timeline: Array<{ at: number; inFlight: number; storm: boolean }> = [];
    let stormUntil = 0;
    const server = await startFakeOpenAIServer({
      latencyMs: 15,
      fault: () => {
        const storm = Date.now() < stormUntil;
        timeline.push({ at: Date.now(), inFlight: server.inFlight, storm });
        return storm ? ({ kind: 'status', status: 429 } as Fault) : undefined;
      },
    });
    servers = [server];
    const { config, records } = await project(800, { endpoint: server.url, concurrency: 16, retries: 20 });
    stormUntil = Date.now() + 1_500;
    const result = await benchInProcess(['run', '-c', config]);
    expect(result.code).toBe(0);
    expect(records().size).toBe(800);
    const lateStorm = timeline.filter((p) => p.storm && p.at > stormUntil - 700);
    const afterStorm = timeline.filter((p) => !p.storm && p.at > stormUntil + 1_000);
    expect(lateStorm.length).toBeGreaterThan(0);
    expect(afterStorm.length).toBeGreaterThan(0);
    // Late in the storm, the client keeps well under its cap; after it, it climbs back near the cap
    // (one step per round of successes) and never above it.
    expect(Math.max(...lateStorm.map((p) => p.inFlight))).toBeLessThanOrEqual(4);
    expect(Math.max(...afterStorm.map((p) => p.inFlight))).toBeGreaterThanOrEqual(12);
    expect(Math.max(...timeline.map((p) => p.inFlight))).toBeLessThanOrEqual(16);
  });
});
