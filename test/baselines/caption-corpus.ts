import { join } from 'node:path';
import type { DatasetSource } from '../../core/contracts/dataset.js';
import { isSkipped, type Sample } from '../../core/contracts/sample.js';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { openDatasetSource } from '../../core/data/open-source.js';
import { seededRandom, type Random } from '../../core/util/random.js';
import { writeHubDataset } from '../../scripts/samples/parquet.js';

/**
 * Realistic stand-ins for meme captions, built to test the text baseline on data it was not tuned on:
 * a Zipf-distributed vocabulary of made-up words (so no word means anything by itself), captions of
 * 4-20 words, imbalanced labels, and optionally cue words that make one class likelier: the
 * "signal" a text model may find, if there is one.
 */
export interface CorpusSpec {
  readonly seed: number;
  /** How many captions per split. */
  readonly sizes: Readonly<Record<string, number>>;
  /** Share of captions of the minority class, e.g. 0.25 for Memotion's motivational (about 1:3). */
  readonly minorityShare: number;
  /** Chance that a minority / majority caption carries one of the cue words; equal chances mean no signal. */
  readonly cue: { readonly minority: number; readonly majority: number };
}

export interface Caption {
  readonly text: string;
  readonly minority: boolean;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tu', 'sha', 'vo', 'ne', 'bri', 'dax', 'po', 'zu', 'fel', 'gor', 'ist', 'ul', 'wen', 'yo', 'qua', 'ter'];
const VOCABULARY_SIZE = 3000;
const CUE_WORDS = 40;

function word(random: Random): string {
  return Array.from({ length: random.int(1, 3) }, () => SYLLABLES[random.int(0, SYLLABLES.length - 1)]!).join('');
}

/** Draws word ranks with probability ∝ 1 / (rank + 1), as words in real text roughly are. */
function zipf(random: Random, size: number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank++) cumulative[rank] = total += 1 / (rank + 1);
  return () => {
    const target = random.float() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** Captions of every split, drawn from one seeded source so the same spec gives the same corpus. */
export function captions(spec: CorpusSpec): Record<string, Caption[]> {
  const random = seededRandom(spec.seed);
  const vocabulary = Array.from({ length: VOCABULARY_SIZE }, () => word(random));
  const cues = Array.from({ length: CUE_WORDS }, (_, i) => `${word(random)}${SYLLABLES[i % SYLLABLES.length]}x`);
  const rank = zipf(random, VOCABULARY_SIZE);
  return Object.fromEntries(
    Object.entries(spec.sizes).map(([split, size]) => [
      split,
      Array.from({ length: size }, () => {
        const minority = random.float() < spec.minorityShare;
        const words = Array.from({ length: random.int(4, 20) }, () => vocabulary[rank()]!);
        if (random.float() < (minority ? spec.cue.minority : spec.cue.majority)) {
          words.splice(random.int(0, words.length), 0, cues[random.int(0, CUE_WORDS - 1)]!);
        }
        return { text: words.join(' '), minority };
      }),
    ]),
  );
}

/** Never decoded: the text classifier reads no image, but the tasks skip a row without one. */
const IMAGE = { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), path: 'meme.jpg' };

/** The corpus as Ahren09/MMSoc_Memotion holds it, the minority class being `motivational`. */
export function writeMemotionLike(dir: string, spec: CorpusSpec): void {
  const columns = { image: 'image', text_ocr: 'string', text_corrected: 'string', motivational: 'string' } as const;
  const splits = Object.fromEntries(
    Object.entries(captions(spec)).map(([split, rows]) => [
      split,
      rows.map(({ text, minority }, i) => ({
        image: { ...IMAGE, path: `${split}_${i}.jpg` },
        text_ocr: text.toUpperCase(),
        text_corrected: text,
        motivational: minority ? 'motivational' : 'not_motivational',
      })),
    ]),
  );
  writeHubDataset(dir, columns, splits);
}

/** The corpus as Ahren09/MMSoc_HatefulMemes holds it, the minority class being hateful (label 1). */
export function writeHatefulMemesLike(dir: string, spec: CorpusSpec): void {
  const columns = { id: 'int64', text: 'string', label: 'int64', image: 'image' } as const;
  const splits = Object.fromEntries(
    Object.entries(captions(spec)).map(([split, rows], s) => [
      split,
      rows.map(({ text, minority }, i) => ({ id: s * 1_000_000 + i, text, label: minority ? 1 : 0, image: IMAGE })),
    ]),
  );
  writeHubDataset(dir, columns, splits);
}

/** A split of the corpus folder at `dir` read through `task`'s own load path, as a run reads it. */
export async function loadSplit(task: TaskPlugin, dir: string, split: string): Promise<Sample[]> {
  const source: DatasetSource = openDatasetSource({ path: dir }, join(dir, '..'));
  const samples: Sample[] = [];
  for await (const item of task.load(source, split, task.options?.({}) ?? {})) {
    if (isSkipped(item)) throw new Error(`corpus row ${item.id} skipped: ${item.skipped}`);
    samples.push(item);
  }
  return samples;
}
