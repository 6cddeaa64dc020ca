import type { BenchConfig } from '../config/schema.js';
import { sha256Hex } from '../util/hash.js';
import { stableJson } from '../util/stable-json.js';

/** Model keys that change how fast answers come, not what they are. */
const OPERATIONAL_MODEL_KEYS = new Set(['endpoint', 'endpoints', 'concurrency', 'timeoutMs', 'retries', 'downAfterMs', 'apiKeyEnv']);

/**
 * Identifies what a config asks: which models (and their generation settings) answer which tasks on
 * which data. Endpoints, concurrency, timeouts, retries and output folders are left out, so scaling a
 * run up or moving it to other servers resumes it instead of starting over. Limits and samples are
 * left out here because the run's identity (run-identity.ts) holds the effective selection of every
 * task, command-line options included.
 */
export function configHash(config: BenchConfig): string {
  const models = Object.fromEntries(
    Object.entries(config.models).map(([name, model]) => [
      name,
      Object.fromEntries(Object.entries(model).filter(([key]) => !OPERATIONAL_MODEL_KEYS.has(key))),
    ]),
  );
  const tasks = Object.fromEntries(
    Object.entries(config.tasks).map(([key, task]) => {
      const { limit: _limit, sample: _sample, ...rest } = task;
      return [key, rest];
    }),
  );
  return sha256Hex(stableJson({ models, tasks, plugins: config.plugins })).slice(0, 16);
}
