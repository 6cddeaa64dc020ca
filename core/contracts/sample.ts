import type { ImageSource } from './messages.js';

/** One raw row of a dataset, keyed by column name. */
export type Row = Readonly<Record<string, unknown>>;

/** One evaluation item, as a task's `load` yields it. */
export interface Sample<Gold = unknown> {
  readonly id: string;
  readonly gold: Gold;
  readonly image?: ImageSource;
  readonly text?: string;
  /** Anything else a task's prompt or parser needs from the row. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** A row that could not become a sample: recorded and counted, never silently dropped. */
export interface SkippedSample {
  readonly id: string;
  readonly skipped: string;
}

export type LoadedItem<Gold = unknown> = Sample<Gold> | SkippedSample;

export function isSkipped(item: LoadedItem): item is SkippedSample {
  return typeof (item as SkippedSample).skipped === 'string';
}
