/** Text of a gold or prediction value; anything but a string (a null, unreadable answer) reads as empty. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Case and spacing are not what error rates should measure; everything else (punctuation, accents) is. */
export function normaliseForErrorRate(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Normalisation for exact match: NFKC (full-width and ligature forms fold), lower-case, collapsed
 * whitespace, and quotes or punctuation around the text stripped (the OCR prompt asks for quotes).
 */
export function normaliseForMatch(text: string): string {
  return normaliseForErrorRate(text.normalize('NFKC')).replace(/^[\s\p{P}`]+|[\s\p{P}`]+$/gu, '');
}

/** Code points, so that an emoji or an astral CJK character counts as one character, not two. */
export function characters(text: string): string[] {
  return Array.from(text);
}

export function whitespaceTokens(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Lower-cased runs of letters and digits: the word tokens of ROUGE-L and BLEU (punctuation dropped). */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
