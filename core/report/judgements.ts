import type { PredictionRecord } from '../contracts/metric.js';

/** Attaches the judge's grade (a number, or null when it failed or was unreadable) to each answer. */
export function withJudgements(records: PredictionRecord[], grades: ReadonlyMap<string, PredictionRecord> | undefined): PredictionRecord[] {
  if (!grades) return records;
  return records.map((record) => {
    const grade = grades.get(record.id)?.prediction;
    return { ...record, judge: typeof grade === 'number' ? grade : null };
  });
}
