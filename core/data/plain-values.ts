/**
 * Turns a decoded parquet cell into what tasks expect: INT64 columns arrive as BigInt, which JSON
 * cannot write and `===` never equals a number, so they become numbers whenever that loses nothing.
 * Binary stays a Uint8Array; structs and lists are walked; dates and other objects are kept.
 */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
  }
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, cell] of Object.entries(value)) out[key] = plainValue(cell);
    return out;
  }
  return value;
}
