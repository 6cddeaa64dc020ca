import type { MetricContext, MetricPlugin, PredictionRecord } from '../core/contracts/metric.js';
import { stableJson } from '../core/util/stable-json.js';

/** One round's figures; null where there is nothing to compute them over. */
export interface RoundFigures {
  readonly round: number;
  /** Samples the round answered (failed and skipped ones are not scored). */
  readonly samples: number;
  readonly accuracy: number | null;
  readonly macroF1: number | null;
  /** Share of the samples answered in this round and in round 0 whose parsed answer is round 0's. */
  readonly agreement: number | null;
}

const finite = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function answered(records: ReadonlyMap<string, PredictionRecord>): PredictionRecord[] {
  return [...records.values()].filter((r) => r.error === null && !r.skipped);
}

/** Accuracy and macro-F1 (the registry's metric plugins) and agreement with round 0, per round. */
export function roundFigures(
  rounds: readonly ReadonlyMap<string, PredictionRecord>[],
  metrics: { readonly accuracy: MetricPlugin; readonly macroF1: MetricPlugin },
  context: MetricContext,
): RoundFigures[] {
  const first = new Map(answered(rounds[0] ?? new Map()).map((r) => [r.id, stableJson(r.prediction)]));
  return rounds.map((records, round) => {
    const scored = answered(records);
    const shared = scored.filter((r) => first.has(r.id));
    const agreeing = shared.filter((r) => first.get(r.id) === stableJson(r.prediction)).length;
    return {
      round,
      samples: scored.length,
      accuracy: finite(metrics.accuracy.compute(scored, context)[metrics.accuracy.id]),
      macroF1: finite(metrics.macroF1.compute(scored, context)[metrics.macroF1.id]),
      agreement: shared.length ? agreeing / shared.length : null,
    };
  });
}
