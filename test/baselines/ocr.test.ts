import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import type { ResolvedChatMessage } from '../../core/contracts/messages.js';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { ocrBaseline } from '../../plugins/models/ocr.js';
import { answer, pluginContext } from './harness.js';

/** An OCR task as the baseline sees it: the answer a perfect model gives is the text in double quotes. */
const ocrTask: TaskPlugin<string> = {
  id: 'toy-ocr',
  version: '1',
  description: 'Text in the image',
  dataset: {},
  splits: { eval: 'test' },
  metrics: ['cer'],
  async *load() {},
  prompt: () => [{ role: 'user', content: 'What is the text in the image?' }],
  parse: (output) => ({ value: output.replace(/^"|"$/g, ''), valid: true }),
  answer: (text) => `"${text}"`,
};

/** A meme-like PNG: large dark capitals, one line per entry, on a light background. */
async function memePng(lines: readonly string[]): Promise<Uint8Array> {
  const text = lines
    .map((line, i) => `<text x="450" y="${140 + i * 160}" font-family="DejaVu Sans" font-weight="bold" font-size="72" text-anchor="middle" fill="#111">${line}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${80 + lines.length * 160}"><rect width="100%" height="100%" fill="#f2f2f2"/>${text}</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

function imageMessage(data: Uint8Array): ResolvedChatMessage[] {
  const digest = createHash('sha256').update(data).digest('hex');
  return [{ role: 'user', content: [{ type: 'image', mime: 'image/png', data, ref: 'meme.png', digest }, { type: 'text', text: 'What is the text?' }] }];
}

/** Worker threads alive in this process: each holds a MessagePort to it. */
const messagePorts = () => process.getActiveResourcesInfo().filter((resource) => resource === 'MessagePort').length;

describe('baseline/ocr', () => {
  it('reads the text of two images at once with two workers, collapsing line breaks, and close() ends the threads', async () => {
    const model = ocrBaseline.create(ocrBaseline.options({ workers: 2 }), pluginContext());
    const portsBefore = messagePorts();
    const [first, second] = await Promise.all([
      answer(model, ocrTask as TaskPlugin, { id: 'a', gold: '' }, imageMessage(await memePng(['WHEN YOU SEE IT', 'ME AT 3AM']))),
      answer(model, ocrTask as TaskPlugin, { id: 'b', gold: '' }, imageMessage(await memePng(['ONE DOES NOT SIMPLY']))),
    ]);
    expect(first.toUpperCase()).toBe('"WHEN YOU SEE IT ME AT 3AM"');
    expect(second.toUpperCase()).toBe('"ONE DOES NOT SIMPLY"');
    expect(messagePorts()).toBe(portsBefore + 2);
    // tesseract.js caches the model in the working directory unless told not to.
    expect(existsSync(join(process.cwd(), 'eng.traineddata'))).toBe(false);
    await model.close!();
    expect(messagePorts()).toBe(portsBefore);
  });

  it('fails only the request whose image cannot be read, and keeps reading the next ones', async () => {
    const model = ocrBaseline.create(ocrBaseline.options({}), pluginContext());
    try {
      await expect(answer(model, ocrTask as TaskPlugin, { id: 'torn', gold: '' }, imageMessage(new Uint8Array([0x89, 0x50, 0x4e, 0x47])))).rejects.toThrow(
        /^tesseract failed: Error attempting to read image/,
      );
      const text = await answer(model, ocrTask as TaskPlugin, { id: 'ok', gold: '' }, imageMessage(await memePng(['SUCH WOW'])));
      expect(text.toUpperCase()).toBe('"SUCH WOW"');
    } finally {
      await model.close!();
    }
  });

  it('refuses a prompt without an image, without starting any worker', async () => {
    const model = ocrBaseline.create(ocrBaseline.options({}), pluginContext());
    const portsBefore = messagePorts();
    await expect(answer(model, ocrTask as TaskPlugin, { id: 'text-only', gold: '' }, [{ role: 'user', content: 'hello' }])).rejects.toThrow(
      'baseline/ocr needs an image; the prompt of sample text-only of toy-ocr has none',
    );
    expect(messagePorts()).toBe(portsBefore);
    await model.close!();
  });

  it('queues no recognition once the run is aborted', async () => {
    const model = ocrBaseline.create(ocrBaseline.options({}), pluginContext());
    const portsBefore = messagePorts();
    const aborted = AbortSignal.abort();
    const request = { messages: imageMessage(await memePng(['TOO LATE'])), sample: { id: 'late', gold: '' }, task: ocrTask as TaskPlugin };
    await expect(model.generate(request, { signal: aborted })).rejects.toBe(aborted.reason);
    expect(messagePorts()).toBe(portsBefore);
    await model.close!();
  });

  it('takes 1 to 4 workers and names the engine, not the worker count, in its identity', () => {
    expect(ocrBaseline.options({})).toEqual({ workers: 1 });
    expect(() => ocrBaseline.options({ workers: 5 })).toThrow();
    expect(() => ocrBaseline.options({ worker: 2 })).toThrow(/worker/);
    const identity = (workers: number) => ocrBaseline.create(ocrBaseline.options({ workers }), pluginContext()).identity;
    expect(identity(1)).toMatch(/^baseline\/ocr:tesseract\.js@7\.\d+\.\d+,@tesseract\.js-data\/eng@[\d.]+\/4\.0\.0_best_int$/);
    expect(identity(3)).toBe(identity(1));
  });
});
