import { distance } from 'fastest-levenshtein';

/** fastest-levenshtein compares UTF-16 code units, so every symbol is recoded to one code unit. */
const CODE_UNITS = 0x10000;
const ONLY_IN_A = 0;
const ONLY_IN_B = 1;
const FIRST_SHARED = 2;

/**
 * Levenshtein distance between two symbol sequences (characters or words). Only equality between a
 * symbol of `a` and one of `b` matters, so all symbols found on one side only share a single code per
 * side; just the shared vocabulary needs its own codes, which keeps any realistic pair within 16 bits.
 */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length + b.length;
  const inB = new Set(b);
  const codes = new Map<string, number>();
  let encodedA = '';
  for (const symbol of a) {
    let code = inB.has(symbol) ? codes.get(symbol) : ONLY_IN_A;
    if (code === undefined) {
      code = FIRST_SHARED + codes.size;
      if (code >= CODE_UNITS) throw new RangeError(`edit distance: more than ${CODE_UNITS - FIRST_SHARED} distinct shared symbols`);
      codes.set(symbol, code);
    }
    encodedA += String.fromCharCode(code);
  }
  let encodedB = '';
  for (const symbol of b) encodedB += String.fromCharCode(codes.get(symbol) ?? ONLY_IN_B);
  return distance(encodedA, encodedB);
}
