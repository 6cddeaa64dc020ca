import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';
import { tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';
import { expectGolden } from './golden.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line));

let servers: FakeOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** Every image a training file references exists in the export folder, named by its content's sha256. */
function expectImagesPresent(outDir: string, paths: readonly string[]): void {
  expect(paths.length).toBeGreaterThan(0);
  for (const path of paths) {
    expect(path).toMatch(/^images\/[0-9a-f]{64}\.(jpg|png|gif|webp)$/);
    const file = join(outDir, path);
    expect(existsSync(file)).toBe(true);
    expect(path).toContain(sha256(readFileSync(file)));
  }
}

/** openai.jsonl with each data URL replaced by the sha256 of its bytes, which must be an exported image. */
function openaiWithoutImageBytes(outDir: string): string {
  const images = new Set(readdirSync(join(outDir, 'images')).map((name) => name.split('.')[0]));
  return read(outDir, 'openai.jsonl').replace(/data:(image\/\w+);base64,([A-Za-z0-9+/=]+)/g, (_match, mime: string, base64: string) => {
    const digest = sha256(Buffer.from(base64, 'base64'));
    expect(images.has(digest)).toBe(true);
    return `data:${mime};sha256,${digest}`;
  });
}

// The bundled samples: a meme task, a three-label meme task, and a task with the post text in its prompt.
const SAMPLE_TASKS = { 'hate-speech': { limit: 3 }, sentiment: { limit: 3 }, 'misinformation-politifact': { limit: 2 } };

describe('bench export sft', () => {
  it('writes LLaVA, ShareGPT and OpenAI chat data of the bundled samples, byte for byte the same each time', async () => {
    const dir = tempDir('export');
    const config = writeConfig(dir, { models: { majority: { use: 'baseline/majority' } }, tasks: SAMPLE_TASKS });
    const first = await benchInProcess(['export', 'sft', '-c', config, '--out', 'sft']);
    expect(first.stderr).not.toMatch(/^(error|warn)/m);
    expect(first.code).toBe(0);
    const outDir = join(dir, 'sft');
    expect(first.stdout.trim().split('\n').at(-1)).toBe(outDir);

    const llava = JSON.parse(read(outDir, 'llava.json'));
    const sharegpt = JSON.parse(read(outDir, 'sharegpt.json'));
    expect(llava).toHaveLength(8);
    expectImagesPresent(outDir, llava.map((item: { image: string }) => item.image));
    expectImagesPresent(outDir, sharegpt.flatMap((item: { images: string[] }) => item.images));
    // The question is the task's prompt, the target its answer to the gold label.
    expect(llava[0].conversations[0].value).toBe("<image>\nIs this meme hateful? Answer 'Yes' or 'No'.");
    expect(['Yes', 'No']).toContain(llava[0].conversations[1].value);

    expectGolden('sft/llava.json', read(outDir, 'llava.json'));
    expectGolden('sft/sharegpt.json', read(outDir, 'sharegpt.json'));
    expectGolden('sft/openai.jsonl', openaiWithoutImageBytes(outDir));
    expectGolden('sft/dataset_info.json', read(outDir, 'dataset_info.json'));
    expectGolden('sft/export.json', read(outDir, 'export.json'));
    expectGolden('sft/provenance.jsonl', read(outDir, 'provenance.jsonl'));

    const again = await benchInProcess(['export', 'sft', '-c', config, '--out', 'sft-again']);
    expect(again.code).toBe(0);
    const againDir = join(dir, 'sft-again');
    for (const name of ['llava.json', 'sharegpt.json', 'openai.jsonl', 'dataset_info.json', 'export.json', 'provenance.jsonl']) {
      expect(read(againDir, name)).toBe(read(outDir, name));
    }
    expect(readdirSync(join(againDir, 'images'))).toEqual(readdirSync(join(outDir, 'images')));
    expect(readdirSync(outDir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('writes only the formats asked for, and the train split unless told otherwise', async () => {
    const dir = tempDir('export');
    const config = writeConfig(dir, { models: { majority: { use: 'baseline/majority' } }, tasks: { humor: { limit: 2 } } });
    const result = await benchInProcess(['export', 'sft', '-c', config, '--out', 'sft', '--format', 'openai', '--split', 'validation']);
    expect(result.code).toBe(0);
    expect(readdirSync(join(dir, 'sft')).sort()).toEqual(['export.json', 'images', 'openai.jsonl', 'provenance.jsonl']);
    expect(lines(read(join(dir, 'sft'), 'provenance.jsonl')).map((p) => p.split)).toEqual(['validation', 'validation']);
    expect((await benchInProcess(['export', 'sft', '-c', config, '--format', 'alpaca'])).stderr.trim()).toBe("error: --format: 'alpaca' is not one of llava, sharegpt, openai");
  });
});

/** The explanation prompts MMSOC.md gives (two are ours: see casestudies/explanation-prompts.ts), by the answer the teacher is shown. */
const WHY: Record<string, Record<string, string>> = {
  'hate-speech': { Yes: 'Why do you think this meme is potentially hateful?', No: 'Why do you think this meme is potentially not hateful?' },
  sentiment: {
    positive: 'Why is the sentiment potentially positive?',
    negative: 'Why is the sentiment potentially negative?',
    neutral: 'Why is the sentiment potentially neutral?',
  },
};
const QUESTIONS: Record<string, string> = {
  'hate-speech': "Is this meme hateful? Answer 'Yes' or 'No'.",
  sentiment: "What is the overall sentiment expressed through this meme? Answer 'positive' or 'neutral' or 'negative'",
};

const lastUserText = (body: any) => body.messages.at(-1).content as string;

describe('bench export sft --explain-with', () => {
  async function teacherProject(options: { failFirst?: boolean } = {}) {
    let failures = options.failFirst ? 1 : 0;
    const teacher = await startFakeOpenAIServer({
      answer: (body) => `<think>looking</think>Because of ${lastUserText(body)}`,
      fault: () => (failures-- > 0 ? { kind: 'status', status: 500 } : undefined),
    });
    servers.push(teacher);
    const dir = tempDir('explain');
    const config = writeConfig(dir, {
      models: { teacher: { use: 'openai-compatible', endpoint: teacher.url, model: 'teacher-vlm', retries: 0 } },
      tasks: { 'hate-speech': { limit: 4 }, sentiment: { limit: 4 } },
    });
    return { teacher, dir, config };
  }

  it('asks the label-conditioned prompt per sample, appends the explanation, records the teacher, and asks nothing twice', async () => {
    const { teacher, dir, config } = await teacherProject();
    const args = ['export', 'sft', '-c', config, '--out', 'sft', '--explain-with', 'teacher', '--format', 'llava'];
    const result = await benchInProcess(args);
    expect(result.stderr).not.toMatch(/^(error|warn)/m);
    expect(result.code).toBe(0);
    expect(teacher.requests).toHaveLength(8);

    for (const { body } of teacher.requests) {
      const [asked, answered, why] = body.messages;
      expect(body.messages).toHaveLength(3);
      const question = asked.content.find((p: any) => p.type === 'text').text;
      const task = Object.keys(QUESTIONS).find((key) => QUESTIONS[key] === question)!;
      expect(task).toBeDefined();
      expect(asked.content[0].type).toBe('image_url');
      expect(answered.role).toBe('assistant');
      expect(why).toEqual({ role: 'user', content: WHY[task]![answered.content] });
    }

    const outDir = join(dir, 'sft');
    const llava = JSON.parse(read(outDir, 'llava.json'));
    const provenance = lines(read(outDir, 'provenance.jsonl'));
    expect(llava).toHaveLength(8);
    llava.forEach((item: any, i: number) => {
      const { answer, explanation, task } = provenance[i];
      expect(explanation.prompt).toBe(WHY[task]![answer]);
      expect(item.conversations[1].value).toBe(`${answer}\nBecause of ${explanation.prompt}`);
      expect(explanation).toEqual(expect.objectContaining({ teacher: 'teacher', identity: 'openai-compatible:teacher-vlm:{"max_tokens":128,"temperature":0}' }));
    });
    const manifest = JSON.parse(read(outDir, 'export.json'));
    expect(manifest.teacher).toEqual(expect.objectContaining({ model: 'teacher', identity: 'openai-compatible:teacher-vlm:{"max_tokens":128,"temperature":0}' }));
    expect(manifest.teacher.prompts.sentiment).toEqual({ positive: WHY.sentiment!.positive, neutral: WHY.sentiment!.neutral, negative: WHY.sentiment!.negative });
    expect(lines(read(outDir, 'explanations/hate-speech/teacher.jsonl'))).toHaveLength(4);

    const exported = read(outDir, 'llava.json');
    const rerun = await benchInProcess(args);
    expect(rerun.code).toBe(0);
    expect(teacher.requests).toHaveLength(8);
    expect(read(outDir, 'llava.json')).toBe(exported);
  });

  it('leaves out samples whose explanation failed (exit 1) and retries them on the next run', async () => {
    const { teacher, dir, config } = await teacherProject({ failFirst: true });
    const args = ['export', 'sft', '-c', config, '--out', 'sft', '--explain-with', 'teacher', '--format', 'sharegpt', '--tasks', 'hate-speech'];
    const first = await benchInProcess(args);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/1 sample\(s\) have no explanation/);
    expect(JSON.parse(read(join(dir, 'sft'), 'sharegpt.json'))).toHaveLength(3);
    expect(JSON.parse(read(join(dir, 'sft'), 'export.json')).tasks['hate-speech']).toEqual(expect.objectContaining({ exported: 3, missingExplanation: 1 }));

    const second = await benchInProcess(args);
    expect(second.code).toBe(0);
    expect(teacher.requests).toHaveLength(5);
    expect(JSON.parse(read(join(dir, 'sft'), 'sharegpt.json'))).toHaveLength(4);
  });

  it('refuses, before any request, a task without labels, a label without a prompt, or a teacher not in the config', async () => {
    const { teacher, dir, config } = await teacherProject();
    const ocr = writeConfig(dir, { models: { teacher: { use: 'openai-compatible', endpoint: teacher.url, model: 'm' } }, tasks: { ocr: {} } }, 'ocr.config.ts');
    const noLabels = await benchInProcess(['export', 'sft', '-c', ocr, '--explain-with', 'teacher']);
    expect(noLabels.code).toBe(2);
    expect(noLabels.stderr.trim()).toBe('error: --explain-with: task ocr (ocr) has no class labels to condition an explanation on; export it without --explain-with');

    const overrides = join(dir, 'prompts.json');
    writeFileSync(overrides, JSON.stringify({ sentiment: { neutral: null } }));
    const missing = await benchInProcess(['export', 'sft', '-c', config, '--explain-with', 'teacher', '--explain-prompts', overrides]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no explanation prompt for task sentiment, label\(s\) 'neutral'/);

    const unknown = await benchInProcess(['export', 'sft', '-c', config, '--explain-with', 'teachr']);
    expect(unknown.stderr.trim()).toBe("error: --explain-with: 'teachr' is not a key of the config's models; did you mean 'teacher'?");
    expect(teacher.requests).toHaveLength(0);
  });
});
