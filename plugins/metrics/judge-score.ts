import type { MetricPlugin } from 'mmsoc-bench';
import { ratio } from './numbers.js';

/** Mean of the judge's 1-5 grades over the answers it graded (NaN when the task was not judged). */
export const judgeScore: MetricPlugin = {
  id: 'judge-score',
  title: 'Judge',
  description: "Mean 1-5 grade a judge model gave the answers with the task's rubric (tasks.<key>.judge).",
  compute(records) {
    let total = 0;
    let graded = 0;
    for (const record of records) {
      if (typeof record.judge !== 'number') continue;
      total += record.judge;
      graded++;
    }
    return { 'judge-score': ratio(total, graded) };
  },
};
