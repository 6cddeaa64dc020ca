import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { configSchema } from '../../core/config/schema.js';
import { identityHash, runIdentity } from '../../core/run/run-identity.js';
import { hateSpeech } from '../../plugins/tasks/hate-speech.js';
import type { PluginRegistry } from '../../core/registry/registry.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer } from '../fixtures/openai-server.js';

/*
 * What a run folder's numbers are numbers of: the config plus every option that changes the sample
 * set. A rerun with another --limit, --split, --sample or --seed is a new run and never changes the N
 * of an earlier one; a bad option is refused before any run folder is touched.
 */

const lastLine = (text: string) => text.trim().split('\n').at(-1)!;
const metricsOf = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
const samplesOf = (runDir: string) => metricsOf(runDir).counts['hate-speech'].random.samples as number;

/** Every file of a run folder, by relative path, with its bytes. */
function filesOf(runDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(runDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(runDir.length)] = readFileSync(join(entry.parentPath, entry.name), 'latin1');
  }
  return files;
}

async function run(config: string, ...options: string[]) {
  const result = await benchInProcess(['run', '-c', config, ...options]);
  return { ...result, runDir: lastLine(result.stdout) };
}

let dir: string;
let config: string;
beforeAll(async () => {
  dir = tempDir('identity');
  // The random baseline learns the labels from train; 120 validation rows, 20 test rows.
  await makeMemeDataset(join(dir, 'data'), { train: 4, validation: 120, test: 20 });
  config = writeConfig(dir, { models: { random: { use: 'baseline/random' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } }, bootstrap: { samples: 50 } });
}, 60_000);

describe('run identity', () => {
  it('--limit 100 then --limit 50: a new run of 50; the run of 100 keeps its files; --limit 100 again resumes it', async () => {
    const hundred = await run(config, '--limit', '100', '--out', 'limit');
    expect(hundred.code).toBe(0);
    expect(samplesOf(hundred.runDir)).toBe(100);
    const before = filesOf(hundred.runDir);

    const fifty = await run(config, '--limit', '50', '--out', 'limit');
    expect(fifty.code).toBe(0);
    expect(fifty.runDir).not.toBe(hundred.runDir);
    expect(samplesOf(fifty.runDir)).toBe(50);
    expect(fifty.stderr).toContain(`not resuming ${hundred.runDir.split('/').at(-1)}: it evaluated other samples (hate-speech: samples first 100 -> first 50)`);
    expect(filesOf(hundred.runDir)).toEqual(before);

    const again = await run(config, '--limit', '100', '--out', 'limit');
    expect(again.runDir).toBe(hundred.runDir);
    expect(again.stderr).toMatch(/resuming run/);
    expect(samplesOf(again.runDir)).toBe(100);
  });

  it('--split test after a validation run: a new run of the 20 test rows; the validation run is untouched', async () => {
    const validation = await run(config, '--out', 'split');
    expect(validation.code).toBe(0);
    expect(samplesOf(validation.runDir)).toBe(120);
    expect(metricsOf(validation.runDir).tasks['hate-speech'].split).toBe('validation');
    const before = filesOf(validation.runDir);

    const test = await run(config, '--split', 'test', '--out', 'split');
    expect(test.code).toBe(0);
    expect(test.runDir).not.toBe(validation.runDir);
    expect(samplesOf(test.runDir)).toBe(20);
    expect(metricsOf(test.runDir).tasks['hate-speech'].split).toBe('test');
    expect(filesOf(validation.runDir)).toEqual(before);
  });

  it('--sample 50 --seed 1 then --seed 2: two runs of exactly 50', async () => {
    const one = await run(config, '--sample', '50', '--seed', '1', '--out', 'sample');
    const two = await run(config, '--sample', '50', '--seed', '2', '--out', 'sample');
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(two.runDir).not.toBe(one.runDir);
    expect(samplesOf(one.runDir)).toBe(50);
    expect(samplesOf(two.runDir)).toBe(50);
    expect(two.stderr).toContain('samples 50 drawn with seed 1 -> 50 drawn with seed 2');
    // The same seed resumes the same run.
    expect((await run(config, '--sample', '50', '--seed', '1', '--out', 'sample')).runDir).toBe(one.runDir);
  });

  it('a new run for a smaller --limit asks the server nothing: deterministic answers come from the response cache', async () => {
    const server = await startFakeOpenAIServer();
    try {
      const served = writeConfig(dir, { models: { vlm: { use: 'openai-compatible', endpoint: server.url, model: 'vlm' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } }, bootstrap: { samples: 50 } }, 'served.config.ts');
      const env = { XDG_CACHE_HOME: tempDir('identity-cache') };
      const ten = await benchInProcess(['run', '-c', served, '--limit', '10', '--out', 'served'], { env });
      expect(server.requests).toHaveLength(10);
      const five = await benchInProcess(['run', '-c', served, '--limit', '5', '--out', 'served'], { env });
      expect(lastLine(five.stdout)).not.toBe(lastLine(ten.stdout));
      expect(server.requests).toHaveLength(10);
      expect(metricsOf(lastLine(five.stdout)).counts['hate-speech'].vlm).toMatchObject({ samples: 5, cached: 5 });
    } finally {
      await server.close();
    }
  });

  it('holds the task version (prompt and parser) and the model settings that change answers, not the operational ones', () => {
    const registryWith = (version: string) => ({ task: () => ({ ...(hateSpeech as TaskPlugin), version }) }) as unknown as PluginRegistry;
    const configOf = (model: Record<string, unknown>) =>
      configSchema.parse({ models: { vlm: { use: 'openai-compatible', model: 'vlm', ...model } }, tasks: { 'hate-speech': {} } });
    const hash = (version: string, model: Record<string, unknown> = {}, selection = {}) => identityHash(runIdentity(configOf(model), registryWith(version), selection));
    expect(hash('1')).toBe(hash('1', { endpoint: 'http://gpu-2:8000/v1', concurrency: 64, timeoutMs: 5, retries: 0, apiKeyEnv: 'K' }, { tasks: ['hate-speech'], models: ['vlm'] }));
    expect(hash('2')).not.toBe(hash('1'));
    expect(hash('1', { params: { temperature: 0.7 } })).not.toBe(hash('1'));
    expect(hash('1', {}, { seed: 5 })).toBe(hash('1'));
    expect(hash('1', {}, { sample: 5, seed: 5 })).not.toBe(hash('1', {}, { sample: 5, seed: 6 }));
  });

  it('a changed concurrency or --tasks selection resumes (they do not change the samples or the answers)', async () => {
    const first = await run(config, '--limit', '10', '--out', 'operational');
    const faster = writeConfig(dir, { models: { random: { use: 'baseline/random', concurrency: 3 } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } }, bootstrap: { samples: 50 } }, 'faster.config.ts');
    expect((await run(faster, '--limit', '10', '--out', 'operational', '--tasks', 'hate-speech')).runDir).toBe(first.runDir);
  });

  it('a typo in --split exits 2 naming the splits found, and leaves the finished run byte for byte as it was', async () => {
    const finished = await run(config, '--limit', '5', '--out', 'typo');
    expect(finished.code).toBe(0);
    const out = join(dir, 'typo');
    const before = filesOf(finished.runDir);

    const typo = await run(config, '--limit', '5', '--split', 'tset', '--out', 'typo');
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr.trim().split('\n')).toEqual([
      `error: --split (task hate-speech): split 'tset' not found in ${join(dir, 'data')} (splits found: test, train, validation)`,
    ]);
    expect(readdirSync(out)).toEqual([finished.runDir.split('/').at(-1)]);
    expect(filesOf(finished.runDir)).toEqual(before);
  });

  it('names the split a dataset has in place of the one asked for (validation -> val), exit 2', async () => {
    const other = tempDir('identity-val');
    await makeMemeDataset(join(other, 'data'), { train: 2, val: 4 });
    const valConfig = writeConfig(other, { models: { random: { use: 'baseline/random' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } } });
    const result = await run(valConfig);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`error: tasks.hate-speech.split: split 'validation' not found in ${join(other, 'data')} (splits found: train, val); did you mean 'val'?`);
    expect(existsSync(join(other, 'runs'))).toBe(false);
    expect((await run(valConfig, '--split', 'val')).code).toBe(0);
  });

  it("tagging evaluates the bundled YouTube2000 sample's `val` split, as the Hub names it", async () => {
    const tagging = writeConfig(tempDir('identity-tagging'), { models: { tags: { use: 'baseline/frequent-tags' } }, tasks: { tagging: {} }, bootstrap: { samples: 50 } });
    const val = await run(tagging, '--split', 'val');
    expect(val.code).toBe(0);
    expect(metricsOf(val.runDir).tasks.tagging.split).toBe('val');
    expect(metricsOf(val.runDir).counts.tagging.tags.samples).toBe(10);
    const validation = await run(tagging, '--split', 'validation');
    expect(validation.code).toBe(2);
    expect(validation.stderr).toMatch(/^error: --split \(task tagging\): split 'validation' not found in .*MMSoc_YouTube2000 \(splits found: test, train, val\); did you mean 'val'\?$/m);
  });

  it('refuses a train split a trainable baseline needs but the data lacks, before any run folder exists', async () => {
    const untrained = tempDir('identity-untrained');
    await makeMemeDataset(join(untrained, 'data'), { validation: 4 });
    const learner = writeConfig(untrained, { models: { clf: { use: 'baseline/text-classifier' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } } });
    const result = await run(learner);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`error: tasks.hate-speech.trainSplit (clf learns from it): split 'train' not found in ${join(untrained, 'data')} (splits found: validation)`);
    expect(existsSync(join(untrained, 'runs'))).toBe(false);
  });

  it('leaves no run folder when the run fails before its first sample', async () => {
    const broken = tempDir('identity-broken');
    mkdirSync(join(broken, 'data', 'data'), { recursive: true });
    writeFileSync(join(broken, 'data', 'data', 'validation-00000-of-00001.parquet'), 'not parquet at all');
    // The server passes the preflight but is never asked for an answer: the split cannot even be counted.
    const server = await startFakeOpenAIServer();
    const brokenConfig = writeConfig(broken, {
      models: { vlm: { use: 'openai-compatible', endpoint: server.url, model: 'vlm' } },
      tasks: { 'hate-speech': { dataset: { path: 'data', format: 'parquet' } } },
    });
    const result = await run(brokenConfig).finally(() => server.close());
    expect(server.requests.length).toBe(0);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: hate-speech x vlm: .*validation-00000-of-00001\.parquet/m);
    expect(result.stderr).toMatch(/no sample was answered: run folder .* removed/);
    expect(readdirSync(join(broken, 'runs'))).toEqual([]);
  });

  it('scores exactly the samples the data selects now: answers of rows no longer in the data are left out, and said so', async () => {
    const shrinking = tempDir('identity-shrink');
    await makeMemeDataset(join(shrinking, 'data'), { train: 2, validation: 30 });
    const shrinkConfig = writeConfig(shrinking, { models: { random: { use: 'baseline/random' } }, tasks: { 'hate-speech': { dataset: { path: 'data' } } }, bootstrap: { samples: 50 } });
    const first = await run(shrinkConfig);
    expect(samplesOf(first.runDir)).toBe(30);
    const path = join(shrinking, 'data', 'validation.jsonl');
    writeFileSync(path, readFileSync(path, 'utf8').trim().split('\n').slice(0, 20).join('\n') + '\n');
    const second = await run(shrinkConfig);
    expect(second.runDir).toBe(first.runDir);
    expect(samplesOf(second.runDir)).toBe(20);
    expect(second.stderr).toContain("hate-speech x random: 10 record(s) of samples outside this run's selection left out of the metrics");
  });
});
