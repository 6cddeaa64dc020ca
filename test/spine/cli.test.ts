import { describe, expect, it } from '@jest/globals';
import { benchChild, benchInProcess } from '../fixtures/cli.js';
import { tempDir, writeConfig } from '../fixtures/datasets.js';

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
});
