import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedChatMessage } from '../contracts/messages.js';
import type { GenerateResult } from '../contracts/model.js';
import { sha256Hex } from '../util/hash.js';
import { stableJson } from '../util/stable-json.js';

/**
 * Answers of deterministic requests, shared by every run on the machine: a rerun, a --fresh run or
 * another config asking the same served model the same thing gets the stored answer instead of a
 * request. One JSONL file per model identity (served model + generation parameters), appended line by
 * line (appends of one short line are atomic, so shards of one run can share it), loaded on first use.
 */
export class ResponseCache {
  readonly #files = new Map<string, Map<string, GenerateResult>>();
  #dirMade = false;

  constructor(readonly dir: string) {}

  /** The key of a request: its messages, with images by content hash. */
  static key(messages: readonly ResolvedChatMessage[]): string {
    return sha256Hex(
      stableJson(
        messages.map((m) => ({
          role: m.role,
          content: typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? { text: p.text } : { image: p.digest })),
        })),
      ),
    );
  }

  #path(identity: string): string {
    return join(this.dir, `${sha256Hex(identity).slice(0, 32)}.jsonl`);
  }

  #entries(identity: string): Map<string, GenerateResult> {
    let entries = this.#files.get(identity);
    if (entries) return entries;
    entries = new Map();
    const path = this.#path(identity);
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { key, text, usage } = JSON.parse(line) as { key: string; text: string; usage?: GenerateResult['usage'] };
          if (typeof key === 'string' && typeof text === 'string') entries.set(key, usage ? { text, usage } : { text });
        } catch {
          // A line torn by a killed process: that answer is asked again.
        }
      }
    }
    this.#files.set(identity, entries);
    return entries;
  }

  get(identity: string, key: string): GenerateResult | undefined {
    return this.#entries(identity).get(key);
  }

  put(identity: string, key: string, result: GenerateResult): void {
    const entries = this.#entries(identity);
    if (entries.has(key)) return;
    entries.set(key, result);
    if (!this.#dirMade) {
      mkdirSync(this.dir, { recursive: true });
      this.#dirMade = true;
    }
    appendFileSync(this.#path(identity), JSON.stringify({ key, text: result.text, ...(result.usage ? { usage: result.usage } : {}) }) + '\n');
  }
}
