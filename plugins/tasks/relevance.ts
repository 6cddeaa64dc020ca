import { defineClassificationTask, DEFAULT_MAX_WORDS, z } from 'mmsoc-bench';

/**
 * Optional extra from the reference: is the news image relevant to its text? The Hub datasets carry
 * no relevance labels, so gold comes from a column you add (`labelColumn` option, default
 * `relevance`, values as the four answer phrases); rows without it are skipped with the reason.
 * The news text goes before the question, cut like the misinformation prompts.
 */
const options = z.strictObject({ maxWords: z.int().positive().default(DEFAULT_MAX_WORDS) });

const LEVELS = { very_relevant: 'Very Relevant', relevant: 'Relevant', somewhat_relevant: 'Somewhat Relevant', not_relevant: 'Not Relevant' } as const;

export const relevance = defineClassificationTask<z.output<typeof options>>({
  id: 'relevance',
  version: '1',
  description: 'PolitiFact (optional extra): how relevant is the image to the news text? (4 levels; needs a relevance column)',
  dataset: { hub: 'Ahren09/MMSoc_PolitiFact', path: 'data/samples/MMSoc_PolitiFact' },
  splits: { eval: 'test', train: 'train' },
  prompt: "Is the given image relevant to the text? Answer 'Very Relevant' or 'Relevant' or 'Somewhat Relevant' or 'Not Relevant'.",
  choices: Object.fromEntries(Object.entries(LEVELS).map(([label, phrase]) => [label, [phrase]])),
  labelColumn: 'relevance',
  options,
  gold: (raw) => {
    if (typeof raw !== 'string') return undefined;
    const key = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
    return key in LEVELS ? key : undefined;
  },
  postInPrompt: { maxWords: (o) => o.maxWords },
});
