import { z } from 'zod';
import { imageBudgetSchema } from '../images/image-budget.js';

/** Keys of `models.<name>` that the core owns; every other key belongs to the model plugin. */
/** A server's base URL: http or https, as `http://gpu-1:8000/v1`. */
const endpointUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://host:8000/v1' });

export const modelCoreSchema = z.object({
  use: z.string().min(1),
  endpoint: endpointUrl.optional(),
  endpoints: z.array(endpointUrl).min(1).optional(),
  concurrency: z.int().positive().default(8),
  timeoutMs: z.int().positive().default(120_000),
  retries: z.int().min(0).default(5),
  /**
   * When every endpoint of the model has failed for this long (connection refused, timeouts, 5xx),
   * the model's remaining samples are left for a rerun and the run ends with exit code 1.
   */
  downAfterMs: z.int().positive().default(60_000),
  /** Pixel and byte budget of the images sent to this model. */
  image: imageBudgetSchema.prefault({}),
});

export const datasetSchema = z.strictObject({
  hub: z.string().optional(),
  path: z.string().optional(),
  format: z.enum(['jsonl', 'parquet', 'csv']).optional(),
  columns: z.record(z.string(), z.string()).optional(),
});

export const taskConfigSchema = z.strictObject({
  use: z.string().min(1).optional(),
  dataset: datasetSchema.optional(),
  split: z.string().min(1).optional(),
  trainSplit: z.string().min(1).optional(),
  limit: z.int().positive().optional(),
  /** Evaluate this many samples drawn at random (seeded by the config's `seed`) instead of the first ones. */
  sample: z.int().positive().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  /** Key of a model in `models` that grades this task's free-text answers with the task's rubric. */
  judge: z.string().min(1).optional(),
  /**
   * Key of a model in `models` that reads the answers the task's rules cannot (classification tasks):
   * it maps each to one of the labels or to none. Off when absent.
   */
  extractWith: z.string().min(1).optional(),
});

export const configSchema = z.strictObject({
  output: z.string().min(1).default('runs'),
  plugins: z.array(z.string().min(1)).default([]),
  seed: z.int().default(0),
  bootstrap: z.strictObject({ samples: z.int().min(1).default(1000) }).prefault({}),
  models: z.record(z.string().min(1), z.looseObject(modelCoreSchema.shape)).refine((m) => Object.keys(m).length > 0, {
    message: 'at least one model is required',
  }),
  tasks: z.record(z.string().min(1), taskConfigSchema).refine((t) => Object.keys(t).length > 0, {
    message: 'at least one task is required',
  }),
});

/** What users write in bench.config.ts. */
export type BenchConfigInput = z.input<typeof configSchema>;
/** The config after validation, defaults filled. */
export type BenchConfig = z.output<typeof configSchema>;
export type ModelConfig = BenchConfig['models'][string];
export type TaskConfig = BenchConfig['tasks'][string];
