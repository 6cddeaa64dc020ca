import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseScore } from '../../core/pipeline/judge.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

let servers: FakeOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('parseScore', () => {
  it.each([
    ['Score: 4', 4, true],
    ['**Score**: 5/5', 5, true],
    ['<think>maybe 2</think>Score: 3', 3, true],
    ['score=1', 1, true],
    ['4', 4, false],
    ['Score: 7', null, false],
    ['Score: 10', null, false],
    ['great answer', null, false],
  ])('%j -> %s', (output, value, valid) => {
    expect(parseScore(output)).toEqual({ value, valid });
  });
});

function promptText(body: any): string {
  return body.messages[0].content.find((p: any) => p.type === 'text').text;
}

describe('judged free-text task', () => {
  it('grades every answer with the rubric, averages the grades, and does not grade twice on resume', async () => {
    const dir = tempDir('judge');
    const data = join(dir, 'data');
    await makeMemeDataset(data, { test: 8 });
    // The generation task reads its reference from `reference_description`: add one to each row.
    const rows = readFileSync(join(data, 'test.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    writeFileSync(join(data, 'test.jsonl'), rows.map((r) => JSON.stringify({ ...r, reference_description: 'a red square' })).join('\n') + '\n');

    // Even ids get a red answer, odd ids a blue one; the judge gives 5 to red answers and 2 to others.
    const model = await startFakeOpenAIServer({ answer: (_body, key) => (parseInt(key.slice(-1), 16) % 2 ? 'a blue circle' : 'a red square') });
    const judge = await startFakeOpenAIServer({ answer: (body) => (promptText(body).includes('Answer: a red square') ? 'Score: 5' : 'Score: 2') });
    servers.push(model, judge);
    const config = writeConfig(dir, {
      models: {
        vlm: { use: 'openai-compatible', endpoint: model.url, model: 'vlm' },
        judge: { use: 'openai-compatible', endpoint: judge.url, model: 'judge' },
      },
      tasks: { 'image-description': { dataset: { path: 'data' }, judge: 'judge' } },
      bootstrap: { samples: 100 },
    });
    const result = await benchInProcess(['run', '-c', config, '--models', 'vlm']);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(model.requests.length).toBe(8);
    expect(judge.requests.length).toBe(8);

    const prompt = promptText(judge.requests[0]!.body);
    expect(prompt).toContain('Question: Describe the scene, such as its major subjects, colors, and texture.');
    expect(prompt).toContain('Criteria: The answer names the major subjects, colours and textures actually visible');
    expect(judge.requests[0]!.body.messages[0].content[0].type).toBe('image_url');

    const runDir = join(dir, 'runs', readdirSync(join(dir, 'runs'))[0]!);
    const answers = readFileSync(join(runDir, 'predictions', 'image-description', 'vlm.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const red = answers.filter((a) => a.output === 'a red square').length;
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    expect(metrics.results['image-description'].vlm['judge-score'].value).toBeCloseTo((5 * red + 2 * (8 - red)) / 8, 10);
    // ROUGE-L against 'a red square': 1 for the same answer, 1/3 for 'a blue circle' (only 'a' in common).
    expect(metrics.results['image-description'].vlm['rouge-l'].value).toBeCloseTo((red + (8 - red) / 3) / 8, 10);

    const again = await benchInProcess(['run', '-c', config, '--models', 'vlm']);
    expect(again.code).toBe(0);
    expect(model.requests.length).toBe(8);
    expect(judge.requests.length).toBe(8);
  });

  it('refuses a judge that is not a model of the config, or a task without a rubric', async () => {
    const dir = tempDir('judge');
    await makeMemeDataset(join(dir, 'data'), { test: 2, validation: 2, train: 2 });
    const bad = writeConfig(dir, { models: { m: { use: 'baseline/majority' } }, tasks: { 'image-description': { dataset: { path: 'data' }, judge: 'jugde' } } });
    expect((await benchInProcess(['run', '-c', bad])).stderr.trim()).toBe("error: tasks.image-description.judge: 'jugde' is not a key of models");
    const noRubric = writeConfig(dir, { models: { m: { use: 'baseline/majority' } }, tasks: { 'hate-speech': { dataset: { path: 'data' }, judge: 'm' } } }, 'b.config.ts');
    const result = await benchInProcess(['run', '-c', noRubric]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tasks\.hate-speech\.judge: task hate-speech .* has none/);
  });
});
