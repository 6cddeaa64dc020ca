import type { MetricPlugin } from 'mmsoc-bench';
import { bleu } from './bleu.js';
import { accuracy, confusion, macroF1, perClass, weightedF1 } from './classification.js';
import { judgeScore } from './judge-score.js';
import { cer, exactMatch, wer } from './ocr.js';
import { rougeL } from './rouge-l.js';
import { tagF1 } from './tagging.js';
import { validRate } from './valid-rate.js';

export const builtinMetrics: readonly MetricPlugin[] = [
  accuracy,
  macroF1,
  weightedF1,
  perClass,
  confusion,
  validRate,
  cer,
  wer,
  exactMatch,
  tagF1,
  rougeL,
  bleu,
  judgeScore,
];
