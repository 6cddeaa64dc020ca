import type { PredictionRecord } from '../../contracts/metric.js';
import { stableJson } from '../../util/stable-json.js';

/**
 * How one answer fared, for browsing: `answered` when there is no gold to compare with (free-text
 * tasks). `correct` means the parsed answer equals the gold exactly (tag lists as sets); partial credit
 * (CER, tag F1) is what the metrics are for.
 */
export type SampleStatus = 'correct' | 'wrong' | 'invalid' | 'failed' | 'skipped' | 'answered';

/** Lists compare as sets; everything else by value. */
function canonical(value: unknown): string {
  return Array.isArray(value) ? JSON.stringify(value.map(canonical).sort()) : stableJson(value);
}

export function statusOf(record: PredictionRecord): SampleStatus {
  if (record.skipped) return 'skipped';
  if (record.error !== null) return 'failed';
  if (!record.valid) return 'invalid';
  if (record.gold === null || record.gold === undefined) return 'answered';
  return canonical(record.prediction) === canonical(record.gold) ? 'correct' : 'wrong';
}

/** Whether a sample deserves attention first (and a thumbnail before others). */
export function isFlagged(status: SampleStatus): boolean {
  return status === 'wrong' || status === 'invalid' || status === 'failed';
}

/** A parsed value or gold as one line of text: labels as they are, tag lists comma-separated. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(displayValue).join(', ');
  return typeof value === 'object' ? stableJson(value) : String(value);
}
