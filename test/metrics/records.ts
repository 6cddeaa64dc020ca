import type { PredictionRecord } from '../../core/contracts/index.js';

/** A prediction record with only what metrics read; `valid` defaults to "the answer could be read". */
export function record(gold: unknown, prediction: unknown, options: { id?: string; valid?: boolean } = {}): PredictionRecord {
  return {
    id: options.id ?? '',
    hash: '',
    output: null,
    prediction,
    gold,
    valid: options.valid ?? prediction !== null,
    error: null,
    latencyMs: 0,
  };
}

/** Records from [gold, prediction] pairs, with ids '0', '1', ... */
export function records(pairs: readonly (readonly [unknown, unknown])[]): PredictionRecord[] {
  return pairs.map(([gold, prediction], i) => record(gold, prediction, { id: String(i) }));
}
