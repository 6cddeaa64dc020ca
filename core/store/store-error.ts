import { BenchError, EXIT } from '../errors.js';

/**
 * Results could not be written (disk full, permissions): the run stops at once, since going on would
 * only lose more answers. What was written before stays, and a rerun resumes from it.
 */
export class StoreError extends BenchError {
  constructor(path: string, cause: unknown) {
    super(`${path}: ${cause instanceof Error ? cause.message : String(cause)}`, EXIT.someFailed, { cause });
    this.name = 'StoreError';
  }
}
