import type { BenchConfigInput } from './schema.js';

/** Typed identity for `bench.config.ts`: editors complete keys; validation happens at load time. */
export function defineConfig(config: BenchConfigInput): BenchConfigInput {
  return config;
}
