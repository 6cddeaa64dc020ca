import type { Row } from './sample.js';

/** Where a task's data comes from: a local folder in one of the supported layouts. */
export interface DatasetSpec {
  /** Hub dataset id the task is defined on, e.g. `Ahren09/MMSoc_HatefulMemes`. */
  readonly hub?: string;
  /** Local folder holding the data. Relative paths are resolved against the config file. */
  readonly path?: string;
  /**
   * `jsonl`: `<split>.jsonl` + image files referenced by relative path; `parquet`: the Hub layout
   * `data/<split>-NNNNN-of-NNNNN.parquet`; `csv`: `<split>.csv`. Detected from the folder when absent.
   */
  readonly format?: 'jsonl' | 'parquet' | 'csv';
  /** Task column name -> dataset column name, for datasets that name columns differently. */
  readonly columns?: Readonly<Record<string, string>>;
}

/** Rows of one dataset, read lazily. */
export interface DatasetSource {
  /** Absolute folder of the dataset. */
  readonly root: string;
  /** Yields rows of a split one at a time; the source never holds the whole split. */
  rows(split: string): AsyncIterable<Row>;
  /** The splits the folder holds, when the layout names them (checked before a run starts). */
  splits?(): readonly string[];
  /** Number of rows in a split when it is cheap to know (for progress and ETA); undefined otherwise. */
  count?(split: string): Promise<number | undefined>;
  /** Reads a file referenced by a row (e.g. an image path), relative to the dataset folder. */
  readFile(relativePath: string): Promise<Uint8Array>;
}
