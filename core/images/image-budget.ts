import { z } from 'zod';

/**
 * How large an image may be when sent to a model: beyond `maxPixels` it is scaled down, beyond
 * `maxBytes` re-encoded as JPEG at falling quality (then scaled down further). Images within budget
 * are sent exactly as they are.
 */
export const imageBudgetSchema = z.strictObject({
  maxPixels: z.int().positive().default(1024 * 1024),
  maxBytes: z.int().positive().default(1_000_000),
});

export type ImageBudget = z.output<typeof imageBudgetSchema>;

export const DEFAULT_IMAGE_BUDGET: ImageBudget = imageBudgetSchema.parse({});
