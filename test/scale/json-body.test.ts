import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { INLINE_JSON, JsonBody } from '../../core/models/json-body.js';
import { DEFAULT_IMAGE_BUDGET } from '../../core/images/image-budget.js';
import { ImagePreparer } from '../../core/images/image-preparer.js';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('JsonBody', () => {
  it('gives the bytes JSON.stringify gives with the base64 inlined, wherever the placeholders are', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }),
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (images, texts, repeatFirst) => {
          const json = new JsonBody();
          const marked = images.map((bytes) => json.base64(bytes));
          const build = (image: (i: number) => string) => ({
            model: texts[0],
            messages: texts.map((text, i) => ({ role: 'user', content: [{ type: 'text', text }, ...(images[i] ? [{ url: `data:image/png;base64,${image(i)}` }] : [])] })),
            // The same placeholder twice, and one inside a longer string, as the http plugin's templates do.
            ...(repeatFirst && images.length ? { again: `${image(0)}!${image(0)}` } : {}),
          });
          const expected = JSON.stringify(build((i) => b64(images[i]!)));
          const body = json.serialise(build((i) => marked[i]!));
          expect(Buffer.from(body).toString('utf8')).toBe(expected);
          expect(typeof body === 'string').toBe(images.length === 0);
        },
      ),
    );
  });

  it('inlines the base64 itself for callers that pass no JsonBody of their own', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253]);
    const body = { url: `data:image/png;base64,${INLINE_JSON.base64(bytes)}` };
    expect(INLINE_JSON.serialise(body)).toBe(JSON.stringify({ url: `data:image/png;base64,${b64(bytes)}` }));
  });

  it('is plain JSON text when the body has no image', () => {
    expect(new JsonBody().serialise({ a: 'é', b: [1, null] })).toBe('{"a":"é","b":[1,null]}');
  });
});

describe('PreparedImage digest', () => {
  it('is the sha256 of the bytes sent, for images passed through and re-encoded alike', async () => {
    const preparer = new ImagePreparer();
    const sharp = (await import('sharp')).default;
    const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer();
    const large = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#336699' } }).png().toBuffer();
    for (const image of [await preparer.prepare(small, DEFAULT_IMAGE_BUDGET), await preparer.prepare(large, DEFAULT_IMAGE_BUDGET)]) {
      expect(image.digest).toBe(createHash('sha256').update(image.data).digest('hex'));
    }
  });
});
