import { seededRandom } from '../../core/util/random.js';
import { chance, coveringDraw, fill, pick } from './draw.js';
import { writeHubDataset } from './parquet.js';
import { MEME_SETTINGS, renderMeme } from './render-meme.js';
import { randomScene } from './scene.js';
import { buildSplits } from './splits.js';

const COLUMNS = { id: 'int64', text: 'string', label: 'int64', split: 'string', image: 'image' } as const;

/** Group words, in hateful and in benign captions alike: the words alone do not give the label away. */
const SLOTS = { group: ['those people', 'their kind', 'people like that'] };

/** Mild, generic exclusion (no slurs, no named group): enough for a classifier to have something to find. */
const HATEFUL = [
  '{group} ruin everything they touch',
  '{group} do not belong in this country',
  'go back where you came from',
  'nobody wants {group} in our neighborhood',
  '{group} are the problem with this town',
  '{group} are all the same',
  '{group} should stay in their own country',
];

/** Everyday captions, some reusing the hateful ones' words ("benign confounders", as in Hateful Memes). */
const BENIGN = [
  'when the coffee finally kicks in',
  'my cat judging my life choices',
  'me at 3am looking for snacks',
  'when the weekend is over too soon',
  'grandma learning to send emoji',
  '{group} always bring the best snacks',
  'nobody wants to go back to work on monday',
  'go back to bed it is sunday',
  'my plants are all the same shade of dead',
  'this town has the best pizza',
];

/** Captions whose meaning depends on the picture: as likely on a hateful meme as on a benign one. */
const AMBIGUOUS = [
  'look who just moved in next door',
  'this is what our town looks like now',
  'guess who is coming to dinner',
  'when {group} show up at the party',
];

/** Hateful Memes sample (Ahren09/MMSoc_HatefulMemes columns), about a third hateful, both labels in every split. */
export async function makeHatefulMemes(dir: string, sizes: Readonly<Record<string, number>>): Promise<void> {
  const random = seededRandom(2);
  let id = 10_000;
  const splits = await buildSplits(
    sizes,
    (size) =>
      coveringDraw(random, size, { hateful: 0.35, benign: 0.65 }).map((kind) => {
        id += random.int(1, 900);
        const captions = chance(random, 0.25) ? AMBIGUOUS : kind === 'hateful' ? HATEFUL : BENIGN;
        const text = fill(random, pick(random, captions), SLOTS);
        return { id, text, label: kind === 'hateful' ? 1 : 0, scene: randomScene(random, MEME_SETTINGS) };
      }),
    async ({ id, text, label, scene }, split) => ({ id, text, label, split, image: { bytes: await renderMeme(text, scene), path: `${id}.jpg` } }),
  );
  writeHubDataset(dir, COLUMNS, splits);
}
