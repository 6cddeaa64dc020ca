import { defineClassificationTask, DEFAULT_MAX_WORDS, z } from 'mmsoc-bench';

/**
 * Optional extra from the reference: is the news image relevant to its text? The Hub datasets carry
 * no relevance labels, so gold comes from a column you add, `relevance` (or another one mapped to it
 * with `dataset.columns`), holding one of the four answer phrases; rows without it are skipped with the
 * reason.
 * The news text goes before the question, cut like the misinformation prompts.
 */
const options = z.strictObject({ maxWords: z.int().positive().default(DEFAULT_MAX_WORDS) });

/** The four answers, which are also the labels (as reports show them). */
const LEVELS = ['Very Relevant', 'Relevant', 'Somewhat Relevant', 'Not Relevant'] as const;
const BY_KEY = new Map<string, string>(LEVELS.map((level) => [level.toLowerCase().replace(/[\s_-]+/g, ' '), level]));

export const relevance = defineClassificationTask<z.output<typeof options>>({
  id: 'relevance',
  version: '2',
  description: 'PolitiFact (optional extra): how relevant is the image to the news text? (4 levels; needs a relevance column)',
  dataset: { hub: 'Ahren09/MMSoc_PolitiFact', path: 'data/samples/MMSoc_PolitiFact' },
  splits: { eval: 'test', train: 'train' },
  prompt: "Is the given image relevant to the text? Answer 'Very Relevant' or 'Relevant' or 'Somewhat Relevant' or 'Not Relevant'.",
  choices: {
    'Very Relevant': ['Very Relevant', 'highly relevant', 'extremely relevant', 'strongly relevant', 'very closely related'],
    Relevant: ['Relevant', 'related'],
    'Somewhat Relevant': ['Somewhat Relevant', 'partially relevant', 'partly relevant', 'slightly relevant', 'moderately relevant', 'somewhat related'],
    'Not Relevant': ['Not Relevant', 'irrelevant', 'unrelated', 'not related'],
  },
  // "Yes" does not say how relevant; "No" and "not relevant" do.
  no: 'Not Relevant',
  negated: { Relevant: 'Not Relevant' },
  labelColumn: 'relevance',
  options,
  gold: (raw) => (typeof raw === 'string' ? BY_KEY.get(raw.trim().toLowerCase().replace(/[\s_-]+/g, ' ')) : undefined),
  postInPrompt: { maxWords: (o) => o.maxWords },
});
