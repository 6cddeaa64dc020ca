import type { PredictionRecord } from 'mmsoc-bench';
import { textOf, wordTokens } from './text.js';

export interface TokenisedPair {
  readonly hypothesis: readonly string[];
  readonly references: readonly (readonly string[])[];
}

/**
 * The word tokens of a generation record's prediction and references. Gold is one reference string or a
 * list of them; a record without any reference text (no public references, malformed gold) gives null
 * and is left out of the score rather than counted as a failure.
 */
export function tokenisedPair(record: PredictionRecord): TokenisedPair | null {
  const gold = record.gold;
  const references = typeof gold === 'string' ? [gold] : Array.isArray(gold) ? gold.filter((r): r is string => typeof r === 'string') : [];
  if (references.length === 0) return null;
  return { hypothesis: wordTokens(textOf(record.prediction)), references: references.map(wordTokens) };
}
