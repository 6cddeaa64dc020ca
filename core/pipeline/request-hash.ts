import type { ChatMessage } from '../contracts/messages.js';
import type { TaskPlugin } from '../contracts/task.js';
import { sha256Hex } from '../util/hash.js';

/** Identifies a request by what determines its answer: who answers, the task version and the prompt. */
export function requestHash(modelIdentity: string, task: TaskPlugin, messages: readonly ChatMessage[]): string {
  const prompt = messages.map((m) => ({
    role: m.role,
    content:
      typeof m.content === 'string'
        ? m.content
        : m.content.map((p) => (p.type === 'text' ? { text: p.text } : { image: p.image.ref })),
  }));
  // Built here in a fixed key order, so plain JSON is already canonical (no key sorting per request).
  return sha256Hex(JSON.stringify({ model: modelIdentity, task: `${task.id}@${task.version}`, prompt })).slice(0, 16);
}
