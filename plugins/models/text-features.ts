/** A feature vector with few non-zero entries: `values[j]` sits at dimension `indices[j]`, indices unique. */
export interface SparseVector {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/** Every text maps into this many dimensions, whatever the vocabulary: the model's size is fixed. */
export const HASHED_DIMENSIONS = 2 ** 18;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over the UTF-16 code units of `text`. Stable across machines and Node versions, which
 * a fitted model's reproducibility depends on (unlike any built-in hash). Passing the hash of a prefix
 * as `hash` continues it: fnv1a(b, fnv1a(a)) === fnv1a(a + b), so n-grams are hashed without building
 * their strings.
 */
export function fnv1a(text: string, hash = FNV_OFFSET_BASIS): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** Runs of letters and digits, with inner apostrophes kept so "don't" stays one word. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

const CHAR_NGRAM = { min: 3, max: 5 } as const;

/** Each kind of feature hashes under its own prefix, so the word "cat" and the trigram "cat" differ. */
const CHAR_NGRAM_PREFIX = fnv1a('c:');

/** Which features a text gives: words and word bigrams always, character n-grams optionally. */
export interface FeatureSet {
  readonly characterNgrams: boolean;
}

/**
 * The feature sets model selection tries: character n-grams help with spelling variants and OCR
 * errors, but on short texts they can also drown a telling word among many shared fragments.
 */
export const FEATURE_SETS = {
  'words+chars': { characterNgrams: true },
  words: { characterNgrams: false },
} as const satisfies Record<string, FeatureSet>;
export type FeatureSetName = keyof typeof FEATURE_SETS;

/**
 * Calls `add` with the hash of every feature of a text: lower-cased word unigrams, word bigrams and
 * (if asked) character 3-5-grams inside each word, with `<`/`>` marking the word's edges so that
 * prefixes and suffixes are features of their own.
 */
function hashFeatures(text: string, set: FeatureSet, add: (hash: number) => void): void {
  const words = text.toLowerCase().match(WORD) ?? [];
  words.forEach((word, i) => {
    add(fnv1a(`w:${word}`));
    if (i > 0) add(fnv1a(`b:${words[i - 1]} ${word}`));
    if (!set.characterNgrams) return;
    // Code points, not code units, so an astral letter is never split in half.
    const chars = Array.from(`<${word}>`);
    for (let start = 0; start + CHAR_NGRAM.min <= chars.length; start++) {
      let hash = CHAR_NGRAM_PREFIX;
      for (let end = start; end < Math.min(start + CHAR_NGRAM.max, chars.length); end++) {
        hash = fnv1a(chars[end]!, hash);
        if (end - start + 1 >= CHAR_NGRAM.min) add(hash);
      }
    }
  });
}

/**
 * The hashed feature vector of a text: sublinear term counts (1 + ln count), scaled to unit length so
 * that long and short texts weigh the same in training. An empty text gives an empty vector.
 */
export function textFeatures(text: string, set: FeatureSet = FEATURE_SETS['words+chars']): SparseVector {
  const counts = new Map<number, number>();
  hashFeatures(text, set, (hash) => {
    const index = hash % HASHED_DIMENSIONS;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  });
  const indices = Uint32Array.from(counts.keys()).sort();
  const values = new Float32Array(indices.length);
  let squares = 0;
  indices.forEach((index, j) => {
    const weight = 1 + Math.log(counts.get(index)!);
    values[j] = weight;
    squares += weight * weight;
  });
  const norm = Math.sqrt(squares);
  for (let j = 0; j < values.length; j++) values[j] = values[j]! / norm;
  return { indices, values };
}
