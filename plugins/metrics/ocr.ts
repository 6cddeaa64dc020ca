import type { MetricPlugin, PredictionRecord } from 'mmsoc-bench';
import { editDistance } from './edit-distance.js';
import { perRecord } from './memo.js';
import { ratio } from './numbers.js';
import { characters, normaliseForErrorRate, normaliseForMatch, textOf, whitespaceTokens } from './text.js';

/*
 * OCR metrics: gold is the reference text, prediction the transcribed text (null reads as empty).
 * CER and WER compare lower-cased text with collapsed whitespace and nothing else: punctuation and
 * accents are part of what a transcription gets right. Characters are code points; spaces count.
 */

/**
 * Corpus-level error rate: total edits over total reference length (can exceed 1 when a model adds
 * text). An empty reference adds its prediction's length to the edits. When every reference is empty the
 * ratio is undefined; it is then 0 if every prediction is empty too and 1 otherwise.
 */
function errorRate(id: string, title: string, description: string, tokenise: (text: string) => string[]): MetricPlugin {
  const edits = perRecord((record: PredictionRecord) => {
    const reference = tokenise(normaliseForErrorRate(textOf(record.gold)));
    const hypothesis = tokenise(normaliseForErrorRate(textOf(record.prediction)));
    return { edits: editDistance(reference, hypothesis), reference: reference.length };
  });
  return {
    id,
    title,
    description,
    better: 'lower',
    compute(records) {
      let totalEdits = 0;
      let totalReference = 0;
      for (const record of records) {
        const counts = edits(record);
        totalEdits += counts.edits;
        totalReference += counts.reference;
      }
      if (records.length > 0 && totalReference === 0) return { [id]: totalEdits > 0 ? 1 : 0 };
      return { [id]: ratio(totalEdits, totalReference) };
    },
  };
}

export const cer = errorRate('cer', 'CER', 'Character error rate: character edits over reference characters, over the whole corpus.', characters);

export const wer = errorRate('wer', 'WER', 'Word error rate: word edits over reference words, over the whole corpus.', whitespaceTokens);

const matches = perRecord(
  (record: PredictionRecord) => normaliseForMatch(textOf(record.prediction)) === normaliseForMatch(textOf(record.gold)),
);

export const exactMatch: MetricPlugin = {
  id: 'exact-match',
  title: 'Exact',
  description: 'Share of transcriptions equal to the reference after NFKC, lower-casing, spacing and surrounding punctuation are normalised.',
  compute(records) {
    let matched = 0;
    for (const record of records) if (matches(record)) matched++;
    return { 'exact-match': ratio(matched, records.length) };
  },
};
