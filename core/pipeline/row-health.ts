import { DataError } from '../errors.js';

/** Above this share of a pair's rows skipped at reading, the dataset is broken, not a few bad rows. */
export const MOST_ROWS = 0.5;

/**
 * Counts a pair's rows as its dataset yields them, skipped ones (a row that could not be decoded or
 * lacks a field the task needs) apart: a few bad rows cost their own samples, but a dataset of which
 * most rows cannot be used (random bytes, a parquet with a corrupt middle) would otherwise end in a
 * run of skipped samples that exits 0.
 */
export class RowHealth {
  rows = 0;
  skipped = 0;
  firstReason: string | undefined;
  /** Set once every row was read (not when Ctrl-C stopped the reading). */
  complete = false;

  onRow(skipReason: string | undefined): void {
    this.rows++;
    if (skipReason === undefined) return;
    this.skipped++;
    this.firstReason ??= skipReason;
  }

  /** Throws when most rows were skipped: one line naming the dataset folder, the split and the first reason. */
  check(where: { taskKey: string; split: string; root: string }): void {
    if (!this.complete || this.skipped === 0 || this.skipped <= this.rows * MOST_ROWS) return;
    throw new DataError(
      `${where.root}: ${this.skipped} of ${this.rows} rows of split ${where.split} could not be used (first: ${this.firstReason}); fix the dataset of task ${where.taskKey}`,
    );
  }
}
