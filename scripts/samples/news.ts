import { seededRandom, type Random } from '../../core/util/random.js';
import { chance, coveringDraw, fill, pick, shuffle } from './draw.js';
import { writeHubDataset } from './parquet.js';
import { describeScene, randomScene, sceneContext, sceneSvg, type Scene, type SettingId } from './scene.js';
import { buildSplits } from './splits.js';
import { svgToJpeg } from './svg.js';

export interface NewsTopic {
  /** Scenes that show what the story is about. */
  readonly scenes: readonly SettingId[];
  /** Opening sentences of a true story and of a fake one. */
  readonly lead: { readonly true: readonly string[]; readonly fake: readonly string[] };
  /** Further sentences on the topic, in either kind of story. */
  readonly body: readonly string[];
}

/** Everything a news sample is written from; sentences may hold `{slot}`s filled from `slots`. */
export interface NewsVocabulary {
  readonly seed: number;
  /** Image file names: prefix + a number, as the source sites' ids. */
  readonly imagePrefix: string;
  readonly fakeShare: number;
  readonly topics: readonly NewsTopic[];
  readonly slots: Readonly<Record<string, readonly string[]>>;
  /** Topic-free sentences in the manner of a report, and of a hoax. */
  readonly sober: readonly string[];
  readonly sensational: readonly string[];
  /** Scenes around a story's topic without showing it, scenes of the same world, and unrelated ones. */
  readonly related: readonly SettingId[];
  readonly loose: readonly SettingId[];
  readonly unrelated: readonly SettingId[];
}

/** The four answers of the relevance task, from a picture of the story itself to one of something else. */
const RELEVANCE = { 'Very Relevant': 0.35, Relevant: 0.3, 'Somewhat Relevant': 0.2, 'Not Relevant': 0.15 } as const;
type Relevance = keyof typeof RELEVANCE;

const IMAGE = { width: 360, height: 270 } as const;

/** Word counts of the texts: some beyond the 128 words the prompts keep. */
const WORDS = { min: 30, max: 200 } as const;

const COLUMNS = { image: 'image', text: 'string', label: 'int64', split: 'string' } as const;

/** PolitiFact's sample-only references for the generation and relevance tasks (the Hub data has none). */
const REFERENCE_COLUMNS = {
  ...COLUMNS,
  reference_description: 'string',
  reference_social_context: 'string',
  relevance: 'string',
} as const;

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * A story of `kind` on `topic`: its lead, then topic sentences and sentences in its manner, sensational
 * or sober, with one in four in the other manner. Fake stories are mostly sensational and true ones
 * sober, but one story in six is written the other way (a sober hoax, a breathless true story), so
 * style is a strong but imperfect signal.
 */
function story(random: Random, vocabulary: NewsVocabulary, topic: NewsTopic, fake: boolean): string {
  const target = random.int(WORDS.min, WORDS.max);
  const sensational = chance(random, 1 / 6) ? !fake : fake;
  const own = sensational ? vocabulary.sensational : vocabulary.sober;
  const other = sensational ? vocabulary.sober : vocabulary.sensational;
  const pool = shuffle(random, [...topic.body, ...own, ...other]);
  const sentences = [pick(random, sensational ? topic.lead.fake : topic.lead.true)];
  let words = wordCount(sentences[0]!);
  while (words < target && pool.length > 0) {
    const sentence = pool.shift()!;
    if (other.includes(sentence) && !chance(random, 0.25)) continue;
    if (words + wordCount(sentence) > WORDS.max) break;
    sentences.push(sentence);
    words += wordCount(sentence);
  }
  // Slots are filled once for the whole story so a name stays the same; a slot opening a sentence
  // ("rapper Kid Solace ...") gets its capital there.
  return fill(random, sentences.join(' '), vocabulary.slots).replace(/(^|[.!?] )([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** A scene as relevant to the topic as `relevance` says. */
function sceneFor(random: Random, vocabulary: NewsVocabulary, topic: NewsTopic, relevance: Relevance): Scene {
  const apart = (settings: readonly SettingId[]) => settings.filter((s) => !topic.scenes.includes(s));
  const settings = {
    'Very Relevant': topic.scenes,
    Relevant: apart(vocabulary.related),
    'Somewhat Relevant': apart(vocabulary.loose),
    'Not Relevant': apart(vocabulary.unrelated),
  }[relevance];
  return randomScene(random, settings);
}

/**
 * A fake-news sample in the Hub layout (image, text, label: 1 = fake, 0 = true, split), every split
 * holding both labels and, with `references`, PolitiFact's extra reference columns.
 */
export async function makeNews(dir: string, vocabulary: NewsVocabulary, sizes: Readonly<Record<string, number>>, references: boolean): Promise<void> {
  const random = seededRandom(vocabulary.seed);
  let id = 1000;
  const splits = await buildSplits(
    sizes,
    (size) => {
      const kinds = coveringDraw(random, size, { fake: vocabulary.fakeShare, true: 1 - vocabulary.fakeShare });
      const relevances = coveringDraw(random, size, RELEVANCE);
      return kinds.map((kind, i) => {
        const topic = pick(random, vocabulary.topics);
        const relevance = relevances[i]!;
        id += random.int(1, 400);
        return { text: story(random, vocabulary, topic, kind === 'fake'), label: kind === 'fake' ? 1 : 0, relevance, scene: sceneFor(random, vocabulary, topic, relevance), id };
      });
    },
    async ({ text, label, relevance, scene, id }, split) => ({
      image: { bytes: await svgToJpeg(IMAGE.width, IMAGE.height, sceneSvg(scene, { x: 0, y: 0, ...IMAGE })), path: `${vocabulary.imagePrefix}${id}.jpg` },
      text,
      label,
      split,
      reference_description: describeScene(scene),
      reference_social_context: sceneContext(scene),
      relevance,
    }),
  );
  writeHubDataset(dir, references ? REFERENCE_COLUMNS : COLUMNS, splits);
}
