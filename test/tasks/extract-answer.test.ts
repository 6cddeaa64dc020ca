import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { extractionMessages, readExtraction } from '../../core/pipeline/extract-answer.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

let servers: FakeOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const LABELS = ['hateful', 'not hateful'];

describe('readExtraction', () => {
  it.each([
    ['not hateful', 'not hateful'],
    ['**Not hateful**', 'not hateful'],
    ['"hateful".', 'hateful'],
    ['<think>it refuses</think>none', null],
    ['none', null],
    ['The answer gives hateful', null],
    ['', null],
  ])('%j -> %j', (output, label) => {
    expect(readExtraction(output, LABELS)).toBe(label);
  });

  it('asks for one of the labels or none, with the question and the answer, without the image', () => {
    const [message] = extractionMessages('Is this meme hateful?', 'A cat.', LABELS);
    expect(message!.content).toEqual(expect.stringContaining('Question: Is this meme hateful?\nAnswer: A cat.\nLabels: "hateful", "not hateful"'));
    expect(message!.content).toEqual(expect.stringContaining('"none"'));
  });
});

/** The model's answer to sample `key`: readable by the rules, or not. */
function modelAnswer(_body: unknown, key: string): string {
  const kind = parseInt(key.slice(-2), 16) % 3;
  return kind === 0 ? 'No' : kind === 1 ? 'The meme shows a cat wearing sunglasses.' : 'A lizard sits on a rock.';
}

function promptText(body: any): string {
  return typeof body.messages[0].content === 'string' ? body.messages[0].content : body.messages[0].content.find((p: any) => p.type === 'text').text;
}

function records(dir: string): any[] {
  const runDir = join(dir, 'runs', readdirSync(join(dir, 'runs'))[0]!);
  return readFileSync(join(runDir, 'predictions', 'hate-speech', 'vlm.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

function metrics(dir: string): any {
  const runDir = join(dir, 'runs', readdirSync(join(dir, 'runs'))[0]!);
  return JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
}

describe('answer extraction fallback (tasks.<key>.extractWith)', () => {
  it('has a judge model read only the answers the rules cannot, records parsedBy, and counts the share', async () => {
    const dir = tempDir('extract');
    await makeMemeDataset(join(dir, 'data'), { validation: 12 });
    const model = await startFakeOpenAIServer({ answer: modelAnswer });
    const judge = await startFakeOpenAIServer({ answer: (body) => (promptText(body).includes('sunglasses') ? '**not hateful**' : 'none') });
    servers.push(model, judge);
    const config = writeConfig(dir, {
      models: {
        vlm: { use: 'openai-compatible', endpoint: model.url, model: 'vlm' },
        reader: { use: 'openai-compatible', endpoint: judge.url, model: 'reader' },
      },
      tasks: { 'hate-speech': { dataset: { path: 'data' }, extractWith: 'reader' } },
      bootstrap: { samples: 50 },
    });
    const result = await benchInProcess(['run', '-c', config, '--models', 'vlm']);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);

    const lines = records(dir);
    expect(lines).toHaveLength(12);
    const unreadable = lines.filter((r) => r.output !== 'No');
    expect(unreadable.length).toBeGreaterThan(0);
    expect(judge.requests).toHaveLength(unreadable.length);
    for (const r of lines) {
      if (r.output === 'No') expect(r).toMatchObject({ prediction: 'not hateful', valid: true, parsedBy: 'rule' });
      else if (r.output.includes('sunglasses')) expect(r).toMatchObject({ prediction: 'not hateful', valid: false, parsedBy: 'judge', extraction: '**not hateful**' });
      else expect(r).toMatchObject({ prediction: null, valid: false, parsedBy: 'judge', extraction: 'none' });
    }
    const prompt = promptText(judge.requests[0]!.body);
    expect(prompt).toContain("Question: Is this meme hateful? Answer 'Yes' or 'No'.");
    expect(typeof judge.requests[0]!.body.messages[0].content).toBe('string');

    const readByJudge = lines.filter((r) => r.parsedBy === 'judge' && r.prediction !== null).length;
    expect(readByJudge).toBeGreaterThan(0);
    const m = metrics(dir);
    expect(m.counts['hate-speech'].vlm.readByJudge).toBe(readByJudge);
    expect(m.results['hate-speech'].vlm['read-by-judge'].value).toBeCloseTo(readByJudge / 12, 10);
    expect(m.results['hate-speech'].vlm['valid-rate'].value).toBeCloseTo(lines.filter((r) => r.valid).length / 12, 10);

    // Resumed: nothing is asked again, of either model.
    const again = await benchInProcess(['run', '-c', config, '--models', 'vlm']);
    expect(again.code).toBe(0);
    expect(model.requests).toHaveLength(12);
    expect(judge.requests).toHaveLength(unreadable.length);
  });

  it('is off by default: unreadable answers stay without a label, read by the rules', async () => {
    const dir = tempDir('extract');
    await makeMemeDataset(join(dir, 'data'), { validation: 6 });
    const model = await startFakeOpenAIServer({ answer: modelAnswer });
    servers.push(model);
    const config = writeConfig(dir, {
      models: { vlm: { use: 'openai-compatible', endpoint: model.url, model: 'vlm' } },
      tasks: { 'hate-speech': { dataset: { path: 'data' } } },
      bootstrap: { samples: 10 },
    });
    expect((await benchInProcess(['run', '-c', config])).code).toBe(0);
    for (const r of records(dir)) {
      expect(r.parsedBy).toBe('rule');
      expect(r.prediction).toBe(r.output === 'No' ? 'not hateful' : null);
    }
    expect(metrics(dir).counts['hate-speech'].vlm.readByJudge).toBeUndefined();
  });

  it('fails the sample when the extraction model fails, and reads it on the next run', async () => {
    const dir = tempDir('extract');
    await makeMemeDataset(join(dir, 'data'), { validation: 6 });
    const model = await startFakeOpenAIServer({ answer: () => 'The meme shows a cat wearing sunglasses.' });
    let broken = true;
    const judge = await startFakeOpenAIServer({ answer: () => 'not hateful', fault: () => (broken ? { kind: 'status', status: 400, body: 'bad request' } : undefined) });
    servers.push(model, judge);
    const config = writeConfig(dir, {
      models: {
        vlm: { use: 'openai-compatible', endpoint: model.url, model: 'vlm', params: { temperature: 0 } },
        reader: { use: 'openai-compatible', endpoint: judge.url, model: 'reader', retries: 0 },
      },
      tasks: { 'hate-speech': { dataset: { path: 'data' }, extractWith: 'reader' } },
      bootstrap: { samples: 10 },
    });
    const first = await benchInProcess(['run', '-c', config, '--models', 'vlm']);
    expect(first.stderr).toMatch(/6 sample\(s\) failed/);
    expect(first.code).toBe(1);
    const failed = records(dir);
    expect(failed.every((r) => r.prediction === null && /^answer extraction by reader failed: /.test(r.error))).toBe(true);

    broken = false;
    expect((await benchInProcess(['run', '-c', config, '--models', 'vlm'])).code).toBe(0);
    const latest = new Map(records(dir).map((r) => [r.id, r]));
    expect([...latest.values()].every((r) => r.prediction === 'not hateful' && r.parsedBy === 'judge' && r.error === null)).toBe(true);
  });

  it('refuses an extraction model that is not a model of the config, or a task without labels', async () => {
    const dir = tempDir('extract');
    await makeMemeDataset(join(dir, 'data'), { validation: 2 });
    const bad = writeConfig(dir, { models: { m: { use: 'baseline/majority' } }, tasks: { 'hate-speech': { dataset: { path: 'data' }, extractWith: 'reedr' } } });
    const result = await benchInProcess(['run', '-c', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("error: tasks.hate-speech.extractWith: 'reedr' is not a key of models");
    const noLabels = writeConfig(dir, { models: { m: { use: 'baseline/majority' } }, tasks: { ocr: { dataset: { path: 'data' }, extractWith: 'm' } } }, 'b.config.ts');
    const second = await benchInProcess(['run', '-c', noLabels]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/tasks\.ocr\.extractWith: task ocr has no labels to read answers into/);
  });
});
