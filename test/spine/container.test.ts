import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createContainer, TOKENS } from '../../core/container.js';
import type { Clock } from '../../core/services/clock.js';
import { bufferStream } from '../fixtures/buffer-stream.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';

describe('the DI container', () => {
  it('lets a test swap a core service: a fixed clock names and dates the run', async () => {
    const dir = tempDir('container');
    await makeMemeDataset(join(dir, 'data'), { train: 6, validation: 6 });
    const config = writeConfig(dir, { models: { majority: { use: 'baseline/majority' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } } });
    const fixed = Date.UTC(2030, 0, 2, 3, 4, 5);
    const clock: Clock = { now: () => fixed, sleep: async () => {} };
    const result = await benchInProcess(['run', '-c', config], { configure: (c) => c.rebind(TOKENS.Clock).toConstantValue(clock) });
    expect(result.code).toBe(0);
    const [runId] = readdirSync(join(dir, 'runs'));
    expect(runId).toMatch(/^20300102-030405-[0-9a-f]{8}$/);
    const manifest = JSON.parse(readFileSync(join(dir, 'runs', runId!, 'manifest.json'), 'utf8'));
    expect(manifest.createdAt).toBe('2030-01-02T03:04:05.000Z');
    expect(manifest.sessions).toEqual([expect.objectContaining({ startedAt: '2030-01-02T03:04:05.000Z', status: 'done', argv: ['run', '-c', config] })]);
    expect(manifest.config.models.majority.use).toBe('baseline/majority');
  });

  it('sends the logger and the progress lines to the Stderr it binds, masked', () => {
    const container = createContainer();
    const lines: string[] = [];
    container.rebind(TOKENS.Stderr).toConstantValue(bufferStream(lines));
    container.rebind(TOKENS.Env).toConstantValue({ get: (name) => (name === 'CI' ? 'true' : undefined) });
    container.get(TOKENS.Redactor).add('sk-secret-value');
    container.get(TOKENS.Logger).warn('endpoint refused sk-secret-value');
    const progress = container.get(TOKENS.Progress)();
    const pair = progress.add('hate-speech x majority');
    pair.total = 2;
    pair.done = 2;
    pair.finished = true;
    progress.stop();
    expect(lines[0]).toBe('warn: endpoint refused ***\n');
    expect(lines.slice(1).join('')).toMatch(/^hate-speech x majority .*\n$/);
  });

  it('types each token with its service, so a wrong binding does not compile (ts-jest type-checks this file)', () => {
    const container = createContainer();
    const clock: Clock = container.get(TOKENS.Clock);
    expect(clock.now()).toBeGreaterThan(0);
    // @ts-expect-error the Clock token holds a Clock, not a string
    container.rebind(TOKENS.Clock).toConstantValue('not a clock');
    // @ts-expect-error the Output token holds a function of text, not a Clock
    const output: Clock = container.get(TOKENS.Output);
    expect(typeof output).toBe('function');
  });
});
