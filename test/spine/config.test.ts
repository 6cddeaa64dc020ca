import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../core/config/load.js';
import { tempDir, writeConfig } from '../fixtures/datasets.js';

async function errorOf(config: unknown): Promise<string> {
  const dir = tempDir('cfg');
  try {
    await loadConfig(writeConfig(dir, config), dir);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

const base = { models: { m: { use: 'baseline/majority' } }, tasks: { 'hate-speech': {} } };

describe('config validation', () => {
  it('fills defaults', async () => {
    const dir = tempDir('cfg');
    const { config } = await loadConfig(writeConfig(dir, base), dir);
    expect(config.output).toBe('runs');
    expect(config.models.m).toMatchObject({ concurrency: 8, timeoutMs: 120_000, retries: 5 });
    expect(config.bootstrap.samples).toBe(1000);
  });

  it('names the key path, the value and the expectation of a wrong type', async () => {
    const message = await errorOf({ ...base, models: { m: { use: 'openai-compatible', concurrency: '64' } } });
    expect(message).toBe('bench.config.ts: models.m.concurrency = "64": expected number, received string');
  });

  it('names an unknown key', async () => {
    const message = await errorOf({ ...base, tasks: { 'hate-speech': { limt: 5 } } });
    expect(message).toBe('bench.config.ts: tasks.hate-speech.limt: unknown key');
  });

  it('rejects an empty models record', async () => {
    expect(await errorOf({ ...base, models: {} })).toMatch(/^bench\.config\.ts: models = \{\}: at least one model is required/);
  });

  it('says when the file is missing or does not load', async () => {
    const dir = tempDir('cfg');
    await expect(loadConfig('nope.config.ts', dir)).rejects.toThrow('nope.config.ts: config file not found');
  });
});
