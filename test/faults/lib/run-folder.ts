import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import type { PredictionRecord } from '../../../core/contracts/metric.js';
import { readPredictions } from '../../../core/store/predictions-file.js';

/** The one run folder under an output folder. */
export function onlyRun(out: string): string {
  const entries = readdirSync(out);
  expect(entries).toHaveLength(1);
  return join(out, entries[0]!);
}

export function predictionsPath(runDir: string, task = 'hate-speech', model = 'llava'): string {
  return join(runDir, 'predictions', task, `${model}.jsonl`);
}

export function latestRecords(runDir: string): Map<string, PredictionRecord> {
  return readPredictions(predictionsPath(runDir)).records;
}

/** What must be equal between a run and an uninterrupted run of the same config: the answers. */
export function comparable(records: Iterable<PredictionRecord>) {
  return [...records]
    .map(({ id, hash, output, prediction, gold, valid, error }) => ({ id, hash, output, prediction, gold, valid, error }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface MetricsJson {
  results: unknown;
  counts: Record<string, Record<string, { samples: number; valid: number; failed: number; skipped: number }>>;
}

export function metricsOf(runDir: string): MetricsJson {
  return JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8')) as MetricsJson;
}

export function manifestStatus(runDir: string): string {
  return (JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')) as { status: string }).status;
}

/** sha256 of every file under `dir`, by relative path: equal snapshots mean nothing was touched. */
export function snapshot(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const key = prefix ? `${prefix}/${name}` : name;
    if (statSync(path).isDirectory()) for (const [k, v] of snapshot(path, key)) out.set(k, v);
    else out.set(key, createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return out;
}
