import type { ChatMessage, ResolvedChatMessage, ResolvedContentPart } from '../contracts/messages.js';
import type { ImageBudget } from '../images/image-budget.js';
import type { ImagePreparer } from '../images/image-preparer.js';

const SIGNATURES: ReadonlyArray<{ mime: string; test: (b: Uint8Array) => boolean }> = [
  { mime: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 },
  {
    mime: 'image/webp',
    test: (b) => b[0] === 0x52 && b[1] === 0x49 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
  },
];

/** Thrown when an image cannot be used: the sample is recorded as skipped with this reason. */
export class UnusableImage extends Error {
  constructor(ref: string, reason: string) {
    super(`image ${ref}: ${reason}`);
    this.name = 'UnusableImage';
  }
}

export function sniffImageMime(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find((s) => s.test(bytes))?.mime;
}

/**
 * Reads and prepares the images of a prompt (within the model's budget), now that the sample is
 * admitted. In-process models that do not look at images get the text parts only, and no image is read.
 */
export async function resolveMessages(
  messages: readonly ChatMessage[],
  images: { readonly preparer: ImagePreparer; readonly budget: ImageBudget } | undefined,
): Promise<ResolvedChatMessage[]> {
  return Promise.all(
    messages.map(async (message) => {
      if (typeof message.content === 'string') return { role: message.role, content: message.content };
      const parts: ResolvedContentPart[] = [];
      for (const part of message.content) {
        if (part.type === 'text') parts.push(part);
        else if (images) {
          let prepared;
          try {
            prepared = await images.preparer.prepare(await part.image.read(), images.budget);
          } catch (error) {
            throw new UnusableImage(part.image.ref, error instanceof Error ? error.message : String(error));
          }
          const ref = part.image.ref;
          // The digest stays lazy (hashing a 100 kB image costs as much as the rest of a request's bookkeeping).
          parts.push({ type: 'image', mime: prepared.mime, data: prepared.data, ref, get digest() { return prepared.digest; } });
        }
      }
      return { role: message.role, content: parts };
    }),
  );
}
