import type { MetricPlugin } from 'mmsoc-bench';
import { ratio } from './numbers.js';

export const validRate: MetricPlugin = {
  id: 'valid-rate',
  title: 'Valid',
  description:
    'Share of answers that followed the requested answer format (instruction-following success); read-by-judge: share given a label by the extraction model (tasks.<key>.extractWith).',
  compute(records) {
    let valid = 0;
    let readByJudge = 0;
    for (const record of records) {
      if (record.valid === true) valid++;
      if (record.parsedBy === 'judge' && record.prediction !== null) readByJudge++;
    }
    return { 'valid-rate': ratio(valid, records.length), 'read-by-judge': ratio(readByJudge, records.length) };
  },
};
