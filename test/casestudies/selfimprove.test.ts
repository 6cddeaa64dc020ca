import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';
import { imageShas, makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

let servers: FakeOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const RECONSIDER = 'Please reconsider your answer. Answer again in the same format.';

/**
 * Scripted answers by sample id (0-5) and round. Gold (makeMemeDataset): 0 and 3 hateful, the others
 * not. Round r's answers end in r exclamation marks, so the server reads the round off the answer it
 * is shown; "Not sure" cannot be parsed (invalid, so wrong).
 */
const SCRIPT: Record<number, readonly string[]> = {
  0: ['Yes', 'No', 'Yes', 'No', 'No', 'No'],
  1: ['Yes', 'Yes', 'Yes', 'No', 'No', 'Not sure'],
  2: ['No', 'No', 'No', 'Yes', 'No', 'No'],
};

/*
 * Hand-computed (labels hateful H, not hateful N; an invalid answer is wrong, and counts in no class's
 * predictions):
 * round 0: predictions H N H N N N: 4/6 right. H: P 1/2, R 1/2, F1 1/2; N: P 3/4, R 3/4, F1 3/4; macro 0.625.
 * round 1: predictions H H H N N -: 2/6 right. H: P 1/3, R 1/2, F1 2/5; N: P 1/2, R 1/4, F1 1/3; macro 11/30.
 *          Same answer as round 0 for samples 0, 2, 3, 4: agreement 4/6.
 * round 2: predictions N N N H N N: 5/6 right. H: P 1, R 1/2, F1 2/3; N: P 4/5, R 1, F1 8/9; macro 7/9.
 *          Same as round 0 for samples 1, 4, 5: agreement 3/6.
 */
const EXPECTED = [
  { round: 0, samples: 6, accuracy: 4 / 6, macroF1: 0.625, agreement: 1 },
  { round: 1, samples: 6, accuracy: 2 / 6, macroF1: 11 / 30, agreement: 4 / 6 },
  { round: 2, samples: 6, accuracy: 5 / 6, macroF1: 7 / 9, agreement: 3 / 6 },
];

/** sha256 of the image a request carries (as sent: the samples are within the image budget). */
function imageSha(body: any): string {
  const url: string = body.messages[0].content.find((p: any) => p.type === 'image_url').image_url.url;
  return createHash('sha256').update(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')).digest('hex');
}

async function project() {
  const dir = tempDir('selfimprove');
  const data = join(dir, 'data');
  await makeMemeDataset(data, { validation: 6 });
  const ids = imageShas(data, [0, 1, 2, 3, 4, 5]);
  const server = await startFakeOpenAIServer({
    answer: (body) => {
      const id = Number(ids.get(imageSha(body)));
      const previous = body.messages.find((m: any) => m.role === 'assistant')?.content as string | undefined;
      const round = previous === undefined ? 0 : (previous.match(/!/g)?.length ?? 0) + 1;
      return SCRIPT[round]![id]! + '!'.repeat(round);
    },
  });
  servers.push(server);
  const config = writeConfig(dir, {
    models: { vlm: { use: 'openai-compatible', endpoint: server.url, model: 'vlm' } },
    tasks: { 'hate-speech': { dataset: { path: 'data' } }, ocr: { dataset: { path: 'data' } } },
  });
  return { dir, server, config };
}

describe('bench selfimprove', () => {
  it('asks the model to reconsider round after round and reports the hand-computed per-round figures', async () => {
    const { dir, server, config } = await project();
    const args = (rounds: number) => ['selfimprove', '-c', config, '--task', 'hate-speech', '--model', 'vlm', '--rounds', String(rounds)];

    const first = await benchInProcess(args(1));
    expect(first.stderr).not.toMatch(/^(error|warn)/m);
    expect(first.code).toBe(0);
    expect(server.requests).toHaveLength(12);

    const second = await benchInProcess(args(2));
    expect(second.code).toBe(0);
    expect(server.requests).toHaveLength(18);
    const runDir = second.stdout.trim().split('\n').at(-1)!;
    expect(runDir).toBe(first.stdout.trim().split('\n').at(-1));

    // A later round: the task's prompt with the image, the previous raw answer, the reconsider prompt.
    const last = server.requests.at(-1)!.body.messages;
    expect(last).toHaveLength(3);
    expect(last[0].content.map((p: any) => p.type)).toEqual(['image_url', 'text']);
    expect(last[0].content[1].text).toBe("Is this meme hateful? Answer 'Yes' or 'No'.");
    expect(last[1].role).toBe('assistant');
    expect(last[1].content).toMatch(/^(Yes|No|Not sure)!$/);
    expect(last[2]).toEqual({ role: 'user', content: RECONSIDER });

    const file = JSON.parse(readFileSync(join(runDir, 'selfimprove.json'), 'utf8'));
    const rounds = file.results['hate-speech'].vlm.rounds;
    expect(rounds).toHaveLength(3);
    rounds.forEach((figures: Record<string, number>, i: number) => {
      for (const [name, value] of Object.entries(EXPECTED[i]!)) expect(figures[name]).toBeCloseTo(value, 12);
    });
    expect(file.reconsiderPrompt).toBe(RECONSIDER);
    for (const round of [0, 1, 2]) expect(existsSync(join(runDir, 'selfimprove', 'hate-speech', 'vlm', `round-${round}.jsonl`))).toBe(true);

    const table = readFileSync(join(runDir, 'selfimprove.md'), 'utf8');
    expect(table).toContain('| 1     | 6 | 0.333    | 0.367    | 0.667                  |');
    expect(second.stdout).toContain('| 2     | 6 | 0.833    | 0.778    | 0.500                  |');
    const html = readFileSync(join(runDir, 'selfimprove.html'), 'utf8');
    expect(html).toMatch(/<svg[^>]*class="chart"/);
    expect((html.match(/<polyline /g) ?? []).length).toBe(3);
    expect(html.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|src=|href="(?!data:)/);

    const rerun = await benchInProcess(args(2));
    expect(rerun.code).toBe(0);
    expect(server.requests).toHaveLength(18);
    expect(readdirSync(join(dir, 'runs'))).toHaveLength(1);
  });

  it('refuses a task that is not a classification task', async () => {
    const { server, config } = await project();
    const result = await benchInProcess(['selfimprove', '-c', config, '--task', 'ocr', '--model', 'vlm']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('error: --task: self-improvement reports accuracy and macro-F1, so it needs a classification task; ocr (ocr) is a transcription task');
    expect(server.requests).toHaveLength(0);
  });
});
