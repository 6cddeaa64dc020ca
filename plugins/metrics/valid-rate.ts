import type { MetricPlugin } from 'mmsoc-bench';
import { ratio } from './numbers.js';

export const validRate: MetricPlugin = {
  id: 'valid-rate',
  title: 'Valid',
  description: 'Share of answers that followed the requested answer format (instruction-following success).',
  compute(records) {
    let valid = 0;
    for (const record of records) if (record.valid === true) valid++;
    return { 'valid-rate': ratio(valid, records.length) };
  },
};
