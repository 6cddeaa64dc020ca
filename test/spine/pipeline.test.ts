import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import { benchInProcess } from '../fixtures/cli.js';
import { imageShas, makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type Fault } from '../fixtures/openai-server.js';

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function predictions(outDir: string, model = 'llava'): PredictionRecord[] {
  const [runId] = readdirSync(outDir);
  return readFileSync(join(outDir, runId!, 'predictions', 'hate-speech', `${model}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PredictionRecord);
}

async function setup(samples: number, model: Record<string, unknown>) {
  const dir = tempDir('pipe');
  await makeMemeDataset(join(dir, 'data'), { validation: samples });
  const config = writeConfig(dir, {
    output: 'runs',
    models: { llava: { use: 'openai-compatible', endpoint: server!.url, model: 'llava-hf/llava-1.5-7b-hf', ...model } },
    tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    bootstrap: { samples: 200 },
  });
  return { dir, config, out: join(dir, 'runs') };
}

describe('bench run against an OpenAI-compatible server', () => {
  it('fills the concurrency limit, never exceeds it, and answers every sample', async () => {
    server = await startFakeOpenAIServer({ latencyMs: 25, usage: true });
    const { config, out } = await setup(120, { concurrency: 8 });
    const result = await benchInProcess(['run', '-c', config]);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(server.maxInFlight).toBe(8);
    expect(server.requests.length).toBe(120);
    const records = predictions(out);
    expect(records).toHaveLength(120);
    expect(records.every((r) => r.error === null && r.valid && r.usage?.promptTokens === 100)).toBe(true);
    const [runId] = readdirSync(out);
    const counts = JSON.parse(readFileSync(join(out, runId!, 'metrics.json'), 'utf8')).counts['hate-speech'].llava;
    expect(counts).toMatchObject({ samples: 120, promptTokens: 12_000, completionTokens: 120, cached: 0 });
    expect(result.stdout).toMatch(/\| llava\s+\*? *\| \d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]/);
    expect(result.stdout.trim().split('\n').at(-1)).toBe(join(out, readdirSync(out)[0]!));
    const body = server.requests[0]!.body;
    expect(body.model).toBe('llava-hf/llava-1.5-7b-hf');
    expect(body.temperature).toBe(0);
    expect(body.messages[0].content[0].image_url.url).toMatch(/^data:image\/png;base64,/);
    expect(body.messages[0].content[1]).toEqual({ type: 'text', text: "Is this meme hateful? Answer 'Yes' or 'No'." });
  });

  it('retries 429 with Retry-After, 500, dropped connections, malformed JSON and stalls until every sample is answered', async () => {
    const faults: Fault[] = [
      { kind: 'status', status: 429, retryAfter: '1' },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'reset' },
      { kind: 'malformed' },
      { kind: 'empty-choices' },
      { kind: 'stall' },
    ];
    // Each of the first samples to arrive fails once, in its own way, then succeeds.
    let firstAttempts = 0;
    server = await startFakeOpenAIServer({ fault: (r) => (r.attempt === 0 ? faults[firstAttempts++] : undefined) });
    const { config, out } = await setup(20, { concurrency: 4, timeoutMs: 500 });
    const started = Date.now();
    const result = await benchInProcess(['run', '-c', config]);
    expect(result.code).toBe(0);
    const records = predictions(out);
    expect(records).toHaveLength(20);
    expect(records.filter((r) => r.error !== null)).toEqual([]);
    expect(records.filter((r) => (r.attempts ?? 1) > 1)).toHaveLength(faults.length);
    const throttled = server.requests.filter((r) => r.key === server!.requests[0]!.key);
    expect(throttled).toHaveLength(2);
    // Retry-After: 1 was honoured for the throttled sample.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('records a 400 for its sample without retrying, and goes on', async () => {
    const rejected = new Set<string>();
    server = await startFakeOpenAIServer({
      fault: (r) => (r.imageSha && rejected.has(r.imageSha) ? { kind: 'status', status: 400, body: '{"error":{"message":"This model\'s maximum context length is 4096 tokens"}}' } : undefined),
    });
    const { config, out } = await setup(10, { concurrency: 2 });
    const dataDir = join(config, '..', 'data');
    for (const [sha, id] of imageShas(dataDir, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])) if (['3', '7'].includes(id)) rejected.add(sha);
    const result = await benchInProcess(['run', '-c', config]);
    expect(result.code).toBe(1);
    const records = predictions(out);
    const failed = records.filter((r) => r.error !== null);
    expect(failed.map((r) => r.id).sort()).toEqual(['3', '7']);
    expect(failed[0]!.error).toMatch(/HTTP 400: .*maximum context length/);
    expect(failed.every((r) => r.attempts === 1)).toBe(true);
    expect(server.requests.length).toBe(10);
    const metrics = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!, 'metrics.json'), 'utf8'));
    expect(metrics.counts['hate-speech'].llava).toEqual({ samples: 10, valid: 8, failed: 2, skipped: 0, cached: 0, promptTokens: 0, completionTokens: 0 });
    expect(result.stderr).toMatch(/2 sample\(s\) failed/);
  });

  it('sends the API key from the named env var and never writes it anywhere', async () => {
    const key = 'sk-sentinel-4f9a2c1e7b';
    server = await startFakeOpenAIServer({ fault: (r) => (r.index === 0 ? { kind: 'status', status: 401, body: `bad key ${key}` } : undefined) });
    const { config, out } = await setup(5, { apiKeyEnv: 'TEST_API_KEY', concurrency: 1 });
    const result = await benchInProcess(['run', '-c', config], { env: { TEST_API_KEY: key } });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${key}`);
    const runDir = join(out, readdirSync(out)[0]!);
    const written = [
      result.stdout,
      result.stderr,
      readFileSync(join(runDir, 'manifest.json'), 'utf8'),
      readFileSync(join(runDir, 'metrics.json'), 'utf8'),
      readFileSync(join(runDir, 'report.md'), 'utf8'),
      readFileSync(join(runDir, 'predictions', 'hate-speech', 'llava.jsonl'), 'utf8'),
    ].join('\n');
    expect(written).toContain('HTTP 401');
    expect(written).not.toContain(key);
  });

  it('fails in one line when the API key variable is not set', async () => {
    server = await startFakeOpenAIServer();
    const { config } = await setup(2, { apiKeyEnv: 'MISSING_KEY' });
    const result = await benchInProcess(['run', '-c', config]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('error: models.llava: apiKeyEnv: environment variable MISSING_KEY is not set');
    expect(server.requests.length).toBe(0);
  });
});
