import { createHash } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded random source: the same seed gives the same sequence on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
}

export function seededRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed | 0);
  return {
    float: () => uniformFloat64(rng),
    int: (min, max) => uniformInt(rng, min, max),
  };
}

/**
 * A 32-bit seed derived from several parts (e.g. a run seed and a sample id), so that per-sample
 * randomness does not depend on the order samples are processed in: resumed and sharded runs agree.
 */
export function seedFrom(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readInt32LE(0);
}
