import { beforeAll, describe, expect, it } from '@jest/globals';
import { FAULT_SEED, HEAVY } from './lib/heavy.js';
import { runFuzz, type PropertyOutcome } from './lib/fuzz-host.js';
import { FUZZ_PROPERTIES } from './lib/fuzz-properties.js';

/**
 * Parsers and readers fuzzed with fast-check (seeded: FAULT_SEED + the property's index), in a child
 * process whose every case is bounded by a watchdog, so a hang fails the test instead of the suite.
 * MMSOC_HEAVY=1 runs ten times as many cases.
 */
let outcomes: PropertyOutcome[];

beforeAll(async () => {
  outcomes = await runFuzz({ seed: FAULT_SEED, scale: HEAVY ? 10 : 1, count: FUZZ_PROPERTIES.length, caseTimeoutMs: 20_000 });
}, HEAVY ? 1_800_000 : 120_000);

describe('fuzzing (fast-check, seeded)', () => {
  it.each(FUZZ_PROPERTIES.map((property, index) => [property.name, index] as const))('%s', (_name, index) => {
    const outcome = outcomes[index]!;
    expect(outcome.report).toBe('');
    expect(outcome.ok).toBe(true);
    expect(outcome.runs).toBe(FUZZ_PROPERTIES[index]!.runs * (HEAVY ? 10 : 1));
  });
});
