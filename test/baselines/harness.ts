import { tmpdir } from 'node:os';
import { join } from 'node:path';
import got from 'got';
import type { PluginContext } from '../../core/contracts/context.js';
import { systemClock } from '../../core/services/clock.js';
import type { GenerateRequest, ModelInstance } from '../../core/contracts/model.js';
import type { ResolvedChatMessage } from '../../core/contracts/messages.js';
import type { Sample } from '../../core/contracts/sample.js';
import type { TaskPlugin } from '../../core/contracts/task.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The context the core hands a plugin; none of these baselines writes to its cache folder. */
export function pluginContext(): PluginContext {
  return {
    logger: silent,
    http: got,
    post: () => Promise.reject(new Error('the baselines make no HTTP requests')),
    getWithRetries: () => Promise.reject(new Error('the baselines make no HTTP requests')),
    cacheDir: join(tmpdir(), 'mmsoc-bench-baselines-unused'),
    signal: new AbortController().signal,
    env: () => undefined,
    secret: () => undefined,
    redact: (text) => text,
    clock: systemClock,
  };
}

/** A train split as the core hands it to `fit`: read once, lazily. */
export async function* stream<Gold>(samples: readonly Sample<Gold>[]): AsyncGenerator<Sample<Gold>> {
  yield* samples;
}

/** What the model answers for one sample (no image parts unless given). */
export async function answer(
  model: ModelInstance,
  task: TaskPlugin,
  sample: Sample,
  messages: readonly ResolvedChatMessage[] = [],
): Promise<string> {
  const request: GenerateRequest = { messages, sample, task };
  const result = await model.generate(request, { signal: new AbortController().signal });
  return result.text;
}
