import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { DEFAULT_IMAGE_BUDGET } from '../../core/images/image-budget.js';
import { ImagePreparer } from '../../core/images/image-preparer.js';
import { seededRandom } from '../../core/util/random.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fixtures/openai-server.js';

/** Pixels from a seeded random source: they do not compress, so byte budgets are exercised. */
const noisy = (width: number, height: number) => {
  const random = seededRandom(width * height);
  return sharp(Buffer.from(Array.from({ length: width * height * 3 }, () => random.int(0, 255))), { raw: { width, height, channels: 3 } });
};

describe('ImagePreparer', () => {
  const preparer = new ImagePreparer();

  it('sends an image within budget exactly as it is', async () => {
    const png = await noisy(64, 48).png().toBuffer();
    const prepared = await preparer.prepare(png, DEFAULT_IMAGE_BUDGET);
    expect(prepared.mime).toBe('image/png');
    expect(Buffer.from(prepared.data).equals(png)).toBe(true);
    expect(prepared.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('scales an image down to the pixel budget', async () => {
    const png = await noisy(800, 600).png().toBuffer();
    const prepared = await preparer.prepare(png, { maxPixels: 120_000, maxBytes: 10_000_000 });
    const { width, height, format } = await sharp(prepared.data).metadata();
    expect(format).toBe('jpeg');
    expect(width! * height!).toBeLessThanOrEqual(120_000);
    expect(width! / height!).toBeCloseTo(800 / 600, 1);
  });

  it('re-encodes until the byte budget holds', async () => {
    const png = await noisy(400, 400).png().toBuffer();
    expect(png.length).toBeGreaterThan(100_000);
    const prepared = await preparer.prepare(png, { maxPixels: 10_000_000, maxBytes: 20_000 });
    expect(prepared.data.length).toBeLessThanOrEqual(20_000);
  });

  it('memoises by content: the same bytes are prepared once', async () => {
    const png = await noisy(300, 300).png().toBuffer();
    const budget = { maxPixels: 10_000, maxBytes: 1_000_000 };
    const first = await preparer.prepare(png, budget);
    expect(await preparer.prepare(Buffer.from(png), budget)).toBe(first);
  });

  it('refuses bytes that are not an image, or a truncated one', async () => {
    await expect(preparer.prepare(Buffer.from('hello'), DEFAULT_IMAGE_BUDGET)).rejects.toThrow('not a PNG, JPEG, GIF or WebP image');
    const png = await noisy(100, 100).png().toBuffer();
    await expect(preparer.prepare(png.subarray(0, 60), DEFAULT_IMAGE_BUDGET)).rejects.toThrow(/cannot be decoded|has no size/);
  });
});

describe('images in a run', () => {
  let server: FakeOpenAIServer | undefined;
  afterEach(async () => server?.close());

  it('sends images within the model budget and records an undecodable one as skipped', async () => {
    server = await startFakeOpenAIServer();
    const dir = tempDir('images');
    const data = join(dir, 'data');
    await makeMemeDataset(data, { validation: 3 });
    writeFileSync(join(data, 'img', '0.png'), await noisy(1200, 900).png().toBuffer());
    writeFileSync(join(data, 'img', '1.png'), Buffer.from('not an image at all'));
    const config = writeConfig(dir, {
      models: { vlm: { use: 'openai-compatible', endpoint: server.url, model: 'vlm', image: { maxPixels: 200_000 } } },
      tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    });
    const result = await benchInProcess(['run', '-c', config, '--json']);
    expect(result.code).toBe(0);
    expect(server.requests.length).toBe(2);
    const sizes = await Promise.all(
      server.requests.map(async (r) => {
        const url: string = r.body.messages[0].content[0].image_url.url;
        const { width, height } = await sharp(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')).metadata();
        return width! * height!;
      }),
    );
    expect(Math.max(...sizes)).toBeLessThanOrEqual(200_000);
    const metrics = JSON.parse(result.stdout.slice(0, result.stdout.lastIndexOf('}') + 1));
    expect(metrics.counts['hate-speech'].vlm).toMatchObject({ samples: 3, valid: 2, failed: 0, skipped: 1 });
  });
});
