import type { Random } from '../../core/util/random.js';

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[random.int(0, items.length - 1)]!;
}

export function chance(random: Random, probability: number): boolean {
  return random.float() < probability;
}

/** Fisher-Yates, on a copy. */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** One key of `weights`, drawn with probability proportional to its weight. */
export function weighted<T extends string>(random: Random, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let left = random.float() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    left -= weight;
    if (left < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

function largest<T>(items: readonly T[], score: (item: T) => number): T {
  return items.reduce((best, item) => (score(item) > score(best) ? item : best));
}

/**
 * `n` values in random order, each key of `weights` as often as its share of `n` and at least once,
 * so a small split still has every label, in about the intended balance on every run.
 */
export function coveringDraw<T extends string>(random: Random, n: number, weights: Readonly<Record<T, number>>): T[] {
  const entries = Object.entries(weights) as [T, number][];
  if (n < entries.length) throw new Error(`${n} values cannot cover the ${entries.length} values ${entries.map(([key]) => key).join(', ')}`);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  const shares = entries.map(([key, weight]) => {
    const exact = (n * weight) / total;
    return { key, exact, count: Math.max(1, Math.floor(exact)) };
  });
  const drawn = () => shares.reduce((sum, share) => sum + share.count, 0);
  while (drawn() < n) largest(shares, (share) => share.exact - share.count).count++;
  // Raising rare keys to one can overshoot: the excess comes off the most frequent.
  while (drawn() > n) largest(shares, (share) => share.count).count--;
  return shuffle(random, shares.flatMap(({ key, count }) => Array<T>(count).fill(key)));
}

/** Fills `{slot}`s of a template from `slots` (each slot drawn once per call, so repeats agree). */
export function fill(random: Random, template: string, slots: Readonly<Record<string, readonly string[]>>): string {
  const chosen = new Map<string, string>();
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const options = slots[name];
    if (!options) throw new Error(`no values for slot {${name}} in "${template}"`);
    if (!chosen.has(name)) chosen.set(name, pick(random, options));
    return chosen.get(name)!;
  });
}
