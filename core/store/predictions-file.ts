import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PredictionRecord } from '../contracts/metric.js';

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
  const text = readFileSync(path, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, complete).split('\n');
  lines.pop();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isRecord(parsed)) records.set(parsed.id, parsed);
      else badLines.push(index + 1);
    } catch {
      badLines.push(index + 1);
    }
  });
  return { records, badLines, goodLength: Buffer.byteLength(text.slice(0, complete)) };
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
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) truncateSync(path, goodLength);
    this.#fd = openSync(path, 'a');
  }

  append(record: PredictionRecord): void {
    writeSync(this.#fd, JSON.stringify(record) + '\n');
  }

  close(): void {
    fsyncSync(this.#fd);
    closeSync(this.#fd);
  }
}
