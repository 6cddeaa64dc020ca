import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PredictionRecord } from '../contracts/metric.js';
import { StoreError } from './store-error.js';

/** What a predictions file holds: the latest record per sample id, and lines that could not be read. */
export interface PredictionsContent {
  readonly records: Map<string, PredictionRecord>;
  /** 1-based numbers of lines that were not valid records (their samples are redone). */
  readonly badLines: number[];
  /** Byte length of the readable part; a torn last line lies beyond it. */
  readonly goodLength: number;
}

function isRecord(value: unknown): value is PredictionRecord {
  return !!value && typeof value === 'object' && typeof (value as PredictionRecord).id === 'string';
}

/**
 * Reads a predictions file. A later line for the same id supersedes an earlier one (a failed sample
 * redone on resume). A last line without its newline was torn by a kill: it is ignored, and
 * `goodLength` tells where to cut it off before appending.
 */
export function readPredictions(path: string): PredictionsContent {
  const records = new Map<string, PredictionRecord>();
  const badLines: number[] = [];
  if (!existsSync(path)) return { records, badLines, goodLength: 0 };
  // Bytes, not text: a line with broken UTF-8 must be redone (not read with replacement characters),
  // and the cut point of a torn last line must be a byte offset.
  const bytes = readFileSync(path);
  const complete = bytes.lastIndexOf(NEWLINE) + 1;
  let start = 0;
  for (let line = 1; start < complete; line++) {
    const end = bytes.indexOf(NEWLINE, start);
    const parsed = parseLine(bytes.subarray(start, end));
    start = end + 1;
    if (parsed === 'blank') continue;
    if (parsed) records.set(parsed.id, parsed);
    else badLines.push(line);
  }
  return { records, badLines, goodLength: complete };
}

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseLine(line: Uint8Array): PredictionRecord | 'blank' | undefined {
  try {
    const text = utf8.decode(line);
    if (text.trim() === '') return 'blank';
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Append-only writer: one JSON line per sample, handed to the OS at once, so a killed process loses
 * at most the line it was writing.
 */
export class PredictionsWriter {
  readonly #fd: number;

  constructor(
    readonly path: string,
    goodLength: number,
  ) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      if (existsSync(path)) truncateSync(path, goodLength);
      this.#fd = openSync(path, 'a');
    } catch (error) {
      throw new StoreError(path, error);
    }
  }

  append(record: PredictionRecord): void {
    try {
      writeSync(this.#fd, JSON.stringify(record) + '\n');
    } catch (error) {
      throw new StoreError(this.path, error);
    }
  }

  /** Flushes and closes; never throws (every line was already handed to the OS by `append`). */
  close(): void {
    try {
      fsyncSync(this.#fd);
    } catch {
      // A failed flush leaves the lines in the OS's hands, as after a kill; the next read copes.
    } finally {
      closeSync(this.#fd);
    }
  }
}
