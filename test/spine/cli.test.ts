import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { benchChild, benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer } from '../fixtures/openai-server.js';

describe('bench CLI', () => {
  it('documents every command in --help', async () => {
    const { code, stdout } = await benchChild(['--help']).done;
    expect(code).toBe(0);
    for (const command of ['bench run', 'bench list <kind>', 'bench report <runs..>', 'bench data <command>', 'bench collect <source>']) {
      expect(stdout).toContain(command);
    }
  });

  it.each([['run'], ['list'], ['report'], ['data'], ['collect']])('bench %s --help shows its options', async (command) => {
    const { code, stdout } = await benchChild([command, '--help']).done;
    expect(code).toBe(0);
    expect(stdout).toContain(`bench ${command}`);
  });

  it('lists the built-in tasks and models with their source', async () => {
    const tasks = await benchInProcess(['list', 'tasks', '--json']);
    expect(JSON.parse(tasks.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'hate-speech', source: 'builtin' })]));
    const models = await benchInProcess(['list', 'models']);
    expect(models.stdout).toMatch(/^openai-compatible\s+built-in/m);
  });

  it.each([
    [{ models: { llava: { use: 'openai-compatibel', endpoint: 'http://127.0.0.1:9/v1', model: 'x' } }, tasks: { 'hate-speech': {} } }, "error: models.llava.use: unknown model 'openai-compatibel'; did you mean 'openai-compatible'? (bench list models shows all)"],
    [{ models: { m: { use: 'baseline/majority', concurrency: 'many' } }, tasks: { 'hate-speech': {} } }, 'error: bench.config.ts: models.m.concurrency = "many": expected number, received string'],
    [{ plugins: ['./nowhere.ts'], models: { m: { use: 'baseline/majority' } }, tasks: { 'hate-speech': {} } }, /^error: config plugin \.\/nowhere\.ts: plugin path \.\/nowhere\.ts does not exist/],
    [{ models: { m: { use: 'baseline/majority' } }, tasks: { 'hate-speach': {} } }, "error: tasks.hate-speach: unknown task 'hate-speach'; did you mean 'hate-speech'? (bench list tasks shows all)"],
  ])('rejects a bad config in one line with exit code 2 (%#)', async (config, expected) => {
    const dir = tempDir('cli');
    writeConfig(dir, config);
    const { code, stderr, stdout } = await benchChild(['run'], { cwd: dir }).done;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    if (typeof expected === 'string') expect(lines[0]).toBe(expected);
    else expect(lines[0]).toMatch(expected);
  });

  it('shows the stack trace with --debug', async () => {
    const dir = tempDir('cli');
    writeConfig(dir, { models: { m: { use: 'nope' } }, tasks: { 'hate-speech': {} } });
    const { code, stderr } = await benchChild(['run', '--debug'], { cwd: dir }).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('rejects an unknown command or flag with exit code 2', async () => {
    expect((await benchInProcess(['runn'])).code).toBe(2);
    const result = await benchInProcess(['run', '--limt', '3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown argument: limt/);
  });

  it('rejects an option given twice with exit code 2, in one line', async () => {
    const { code, stdout, stderr } = await benchChild(['run', '-c', 'a.config.ts', '-c', 'b.config.ts']).done;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['error: --config given 2 times (a.config.ts, b.config.ts); give it once']);
  });

  it('run --json: stdout is one JSON document; unknown params are warned about and keep the defaults; no Node warning at concurrency 16', async () => {
    const dir = tempDir('cli-json');
    await makeMemeDataset(join(dir, 'data'), { validation: 40 });
    const server = await startFakeOpenAIServer({ latencyMs: 20 });
    try {
      writeConfig(dir, {
        models: { llava: { use: 'openai-compatible', endpoint: server.url, model: 'llava', concurrency: 16, params: { temprature: 0.7 } } },
        tasks: { 'hate-speech': { dataset: { path: 'data' } } },
        bootstrap: { samples: 50 },
      });
      const { code, stdout, stderr } = await benchChild(['run', '--json'], { cwd: dir }).done;
      expect(code).toBe(0);
      expect(JSON.parse(stdout).counts['hate-speech'].llava).toMatchObject({ samples: 40 });
      expect(stderr).toMatch(/^run folder: .+$/m);
      expect(stderr).toContain("warn: models.llava.params.temprature: not a chat-completions parameter; did you mean 'temperature'?");
      expect(stderr).not.toMatch(/Warning/);
      expect(server.maxInFlight).toBeGreaterThan(10);
      for (const request of server.requests) expect(request.body).toMatchObject({ temperature: 0, max_tokens: 128, temprature: 0.7 });
    } finally {
      await server.close();
    }
  });
});
