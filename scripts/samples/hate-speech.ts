import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../core/util/random.js';
import { renderMeme } from './render-meme.js';

const HATEFUL = [
  'those people ruin everything',
  'they do not belong here',
  'go back where you came from',
  'nobody wants your kind around',
  'they are the problem with this town',
];
const NOT_HATEFUL = [
  'when the coffee finally kicks in',
  'my cat judging my life choices',
  'me at 3am looking for snacks',
  'when the weekend is over too soon',
  'grandma learning to send emoji',
];

/**
 * Hateful Memes sample in the original JSONL + image folder layout: `<split>.jsonl` lines
 * `{id, image, label, text}` (the Hub column names) with `image` a path relative to the dataset folder.
 */
export async function makeHateSpeech(outDir: string, sizes: { train: number; validation: number }): Promise<void> {
  const random = seededRandom(2);
  mkdirSync(join(outDir, 'img'), { recursive: true });
  let id = 10_000;
  for (const [split, size] of Object.entries(sizes)) {
    const lines: string[] = [];
    for (let i = 0; i < size; i++) {
      const label = random.float() < 0.4 ? 1 : 0;
      const pool = label ? HATEFUL : NOT_HATEFUL;
      const text = pool[random.int(0, pool.length - 1)]!;
      const img = `img/${++id}.jpg`;
      writeFileSync(join(outDir, img), await renderMeme(text, { hue: random.int(0, 359) }));
      lines.push(JSON.stringify({ id, image: img, label, text }));
    }
    writeFileSync(join(outDir, `${split}.jsonl`), lines.join('\n') + '\n');
  }
}
