/**
 * The fault suite runs light in `npm test`; `MMSOC_HEAVY=1` repeats the randomised parts many times
 * (seeded, so a failure names the repetition that reproduces it). See docs/reliability.md.
 */
export const HEAVY = process.env.MMSOC_HEAVY === '1';

export function repetitions(light: number, heavy: number): number {
  return HEAVY ? heavy : light;
}

/** Base seed of the randomised tests; `MMSOC_FAULT_SEED` replays another sequence. */
export const FAULT_SEED = Number(process.env.MMSOC_FAULT_SEED ?? 20_240_607);
