import type { ChatMessage } from '../core/contracts/messages.js';
import { errorMessage } from '../core/pipeline/answer-stage.js';
import { UnusableImage } from '../core/pipeline/resolve-messages.js';
import type { ImageFiles } from './image-files.js';
import type { ExamplePart, SftExample } from './sft-formats.js';

/**
 * A training example from what a task sends: its prompt's parts in order (images read now and saved
 * in the export folder), and the target answer. Throws UnusableImage when an image cannot be used.
 */
export async function sftExample(id: string, messages: readonly ChatMessage[], target: string, images: ImageFiles): Promise<SftExample> {
  const parts: ExamplePart[] = [];
  for (const message of messages) {
    if (typeof message.content === 'string') {
      parts.push({ type: 'text', text: message.content });
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') {
        parts.push(part);
        continue;
      }
      try {
        const data = await part.image.read();
        parts.push({ type: 'image', data, ...images.save(data) });
      } catch (error) {
        throw new UnusableImage(part.image.ref, errorMessage(error));
      }
    }
  }
  return { id, parts, target };
}
