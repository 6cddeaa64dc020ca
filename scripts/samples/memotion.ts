import { seededRandom, type Random } from '../../core/util/random.js';
import { coveringDraw, pick } from './draw.js';
import { writeHubDataset } from './parquet.js';
import { fitsMeme, MEME_SETTINGS, renderMeme } from './render-meme.js';
import { randomScene } from './scene.js';
import { buildSplits } from './splits.js';

const COLUMNS = {
  image: 'image',
  text_ocr: 'string',
  text_corrected: 'string',
  humor: 'string',
  sarcasm: 'string',
  offensive: 'string',
  motivational: 'string',
  sentiment: 'string',
  split: 'string',
} as const;

/**
 * Each label column: raw value -> how often it is drawn, and the caption phrases that hint at it
 * (none: the value shows by the absence of a hint).
 */
const LABELS = {
  sarcasm: {
    general: { weight: 4, phrases: ['oh great', 'sure thing', 'how lovely'] },
    twisted_meaning: { weight: 2, phrases: ['yeah right', 'what a surprise'] },
    very_twisted: { weight: 1, phrases: ['wow thanks a lot', 'totally my favourite'] },
    not_sarcastic: { weight: 3, phrases: ['honestly', 'true story', 'just saying'] },
  },
  sentiment: {
    very_positive: { weight: 1.5, phrases: ['best day ever', 'pure joy'] },
    positive: { weight: 4, phrases: ['love this', 'so happy', 'feeling good'] },
    neutral: { weight: 3, phrases: ['as usual', 'once again', 'on a tuesday'] },
    negative: { weight: 1.5, phrases: ['so tired', 'not again', 'kind of sad'] },
    very_negative: { weight: 1, phrases: ['worst day ever', 'total disaster'] },
  },
  humor: {
    hilarious: { weight: 2, phrases: ['I am crying laughing', 'comedy gold'] },
    very_funny: { weight: 3, phrases: ['haha so true', 'lol nobody asked'] },
    funny: { weight: 4, phrases: ['lol', 'me be like', 'plot twist'] },
    not_funny: { weight: 3, phrases: ['a quick reminder', 'status update', 'for the record'] },
  },
  offensive: {
    not_offensive: { weight: 5, phrases: [] },
    slight: { weight: 3, phrases: ['silly goose', 'what a dork'] },
    very_offensive: { weight: 1.5, phrases: ['you absolute clown', 'brainless'] },
    hateful_offensive: { weight: 1, phrases: ['total loser', 'nobody likes you'] },
  },
  motivational: {
    motivational: { weight: 1, phrases: ['never give up', 'you got this', 'keep going'] },
    not_motivational: { weight: 3, phrases: [] },
  },
} as const;
type LabelColumn = keyof typeof LABELS;
type Labels = { [Column in LabelColumn]: keyof (typeof LABELS)[Column] & string };

/** The order hints appear in a caption, around its subject. */
const BEFORE_SUBJECT: readonly LabelColumn[] = ['sarcasm'];
const AFTER_SUBJECT: readonly LabelColumn[] = ['sentiment', 'humor', 'offensive', 'motivational'];

const SUBJECTS = [
  'my cat', 'monday morning', 'the group project', 'my diet', 'the wifi', 'exam week', 'the weekend', 'my code',
  'coffee', 'the office printer', 'my homework', 'the new update', 'my alarm clock', 'online meetings', 'pizza night', 'leg day',
];

/** A hint usually matches the label (80%), is sometimes misleading (10%) or missing (10%): text alone must not be enough. */
function hint<C extends LabelColumn>(random: Random, column: C, value: Labels[C]): string | undefined {
  const values = LABELS[column] as Record<string, { phrases: readonly string[] }>;
  const draw = random.float();
  const from = draw < 0.8 ? value : draw < 0.9 ? pick(random, Object.keys(values).filter((v) => v !== value)) : undefined;
  const phrases = from ? values[from]!.phrases : [];
  return phrases.length ? pick(random, phrases) : undefined;
}

function caption(random: Random, labels: Labels): string {
  for (;;) {
    const hints = (columns: readonly LabelColumn[]) => columns.map((column) => hint(random, column, labels[column]));
    const words = [...hints(BEFORE_SUBJECT), pick(random, SUBJECTS), ...hints(AFTER_SUBJECT)].filter(Boolean).join(' ');
    const text = words[0]!.toUpperCase() + words.slice(1);
    // A caption is never cut (it is the OCR reference), so one that would overflow the meme is drawn again.
    if (fitsMeme(text)) return text;
  }
}

/** Look-alike characters tesseract-style engines confuse. */
const CONFUSIONS: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1', S: '5', E: 'F', B: '8', G: '6', A: '4', T: '7' };

/** What an OCR engine reads off the upper-case meme: the caption with one to three look-alike swaps. */
function ocrReading(random: Random, text: string): string {
  const chars = [...text.toUpperCase()];
  const confusable = chars.flatMap((c, i) => (c in CONFUSIONS ? [i] : []));
  for (let errors = random.int(1, 3); errors > 0 && confusable.length > 0; errors--) {
    const i = confusable.splice(random.int(0, confusable.length - 1), 1)[0]!;
    chars[i] = CONFUSIONS[chars[i]!]!;
  }
  return chars.join('');
}

function drawLabels(random: Random, size: number): Labels[] {
  const columns = Object.fromEntries(
    Object.entries(LABELS).map(([column, values]) => [
      column,
      coveringDraw(random, size, Object.fromEntries(Object.entries(values).map(([value, { weight }]) => [value, weight]))),
    ]),
  );
  return Array.from({ length: size }, (_, i) => Object.fromEntries(Object.keys(LABELS).map((c) => [c, columns[c]![i]])) as Labels);
}

/**
 * Memotion sample (Ahren09/MMSoc_Memotion columns): memes whose captions hint at their labels, every
 * raw label value present in every split.
 */
export async function makeMemotion(dir: string, sizes: Readonly<Record<string, number>>): Promise<void> {
  const random = seededRandom(11);
  let imageNumber = 0;
  const splits = await buildSplits(
    sizes,
    (size) =>
      drawLabels(random, size).map((labels) => {
        const text = caption(random, labels);
        imageNumber += random.int(1, 60);
        return { labels, text, ocr: ocrReading(random, text), scene: randomScene(random, MEME_SETTINGS), path: `image_${imageNumber}.jpg` };
      }),
    async ({ labels, text, ocr, scene, path }, split) => ({
      image: { bytes: await renderMeme(text, scene), path },
      text_ocr: ocr,
      text_corrected: text,
      ...labels,
      split,
    }),
  );
  writeHubDataset(dir, COLUMNS, splits);
}
