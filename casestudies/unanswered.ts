import type { ChatMessage } from '../core/contracts/messages.js';
import { isSkipped, type LoadedItem, type Sample } from '../core/contracts/sample.js';
import type { TaskPlugin } from '../core/contracts/task.js';
import { requestHash } from '../core/pipeline/request-hash.js';
import { readPredictions } from '../core/store/predictions-file.js';

/**
 * The samples a stage file has no current answer for: none yet, a failed one, or one to another
 * request (the prompt, the previous round's answer or the model changed). Skipped rows are left out:
 * a stage over a split's samples has nothing to ask about them.
 */
export async function* unanswered(
  items: AsyncIterable<LoadedItem>,
  stage: { readonly path: string; readonly identity: string; readonly task: TaskPlugin; messages(sample: Sample): readonly ChatMessage[] },
): AsyncGenerator<Sample> {
  const stored = readPredictions(stage.path).records;
  // A prompt that cannot be built is asked for again, so the stage records why it failed.
  const currentHash = (sample: Sample): string | undefined => {
    try {
      return requestHash(stage.identity, stage.task, stage.messages(sample));
    } catch {
      return undefined;
    }
  };
  for await (const item of items) {
    if (isSkipped(item)) continue;
    const record = stored.get(item.id);
    if (!record || record.error !== null || record.hash !== currentHash(item)) yield item;
  }
}
