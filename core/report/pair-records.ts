import type { PredictionRecord } from '../contracts/metric.js';
import { readPredictions } from '../store/predictions-file.js';
import { withJudgements } from './judgements.js';

/** Where a run keeps the records of a task x model pair (a Run, or a test's folder). */
export interface PairFiles {
  predictionsPath(task: string, model: string): string;
  judgePath(task: string, model: string): string;
}

/** The latest record of every sample of a pair, with the judge's grades attached when `judgePath` is given. */
export function readPairRecords(predictionsPath: string, judgePath?: string): PredictionRecord[] {
  const records = [...readPredictions(predictionsPath).records.values()];
  return withJudgements(records, judgePath === undefined ? undefined : readPredictions(judgePath).records);
}
