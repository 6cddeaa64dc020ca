import { defineClassificationTask, DEFAULT_MAX_WORDS, z } from 'mmsoc-bench';

/**
 * Misinformation detection on an image-text news pair (PolitiFact, GossipCop). The news text, cut to
 * `maxWords` words, goes before the question, as in the reference. The answer "Yes" means fake.
 *
 * Label direction: the reference code flips the raw CSV label (`label = 1 - label`) and then reads
 * 1 as fake. Whether the Hub's `label` column holds the value before or after that flip is not
 * verified, so it is an option: `fakeLabel` is the raw value meaning fake (default 1, i.e. the Hub
 * column taken as already flipped). GossipCop is mostly true news (about 3:1), so with the right
 * direction `fake` is the minority class; the task declares that prior, and a run whose evaluated
 * GossipCop samples are mostly `fake` warns that `fakeLabel` may be wrong for that copy of the data.
 */
const options = z.strictObject({
  fakeLabel: z.union([z.literal(0), z.literal(1)]).default(1),
  maxWords: z.int().positive().default(DEFAULT_MAX_WORDS),
});
type Options = z.output<typeof options>;

function misinformationTask(id: string, source: string, hub: string, path: string, fakeShare?: number) {
  return defineClassificationTask<Options>({
    id,
    version: '2',
    description: `${source}: is this image-text news pair misinformation? (Yes / No)`,
    dataset: { hub, path },
    splits: { eval: 'test', train: 'train' },
    prompt: "Is this news (image-text pair) misinformation? Answer 'Yes' or 'No'.",
    // The reference's TRUE_WORDS / FAKE_WORDS, with their common synonyms.
    choices: {
      fake: ['Yes', 'fake', 'misinformation', 'false', 'fake news', 'disinformation', 'misleading', 'fabricated', 'hoax', 'untrue', 'inaccurate', 'incorrect'],
      true: ['No', 'true', 'real', 'genuine', 'accurate', 'authentic', 'legitimate', 'factual', 'credible', 'real news'],
    },
    options,
    gold: (raw, { fakeLabel }) => {
      const value = Number(raw);
      if (value !== 0 && value !== 1) return undefined;
      return value === fakeLabel ? 'fake' : 'true';
    },
    postInPrompt: { maxWords: (o) => o.maxWords },
    ...(fakeShare !== undefined ? { prior: { label: 'fake', share: fakeShare, option: 'fakeLabel' } } : {}),
  });
}

/** PolitiFact is close to balanced, so its class balance says nothing about the label direction. */
export const misinformationPolitifact = misinformationTask('misinformation-politifact', 'PolitiFact', 'Ahren09/MMSoc_PolitiFact', 'data/samples/MMSoc_PolitiFact');
/** GossipCop is about 3:1 true:fake (FakeNewsNet): a run whose gold is mostly fake warns of a flipped `fakeLabel`. */
export const misinformationGossipcop = misinformationTask('misinformation-gossipcop', 'GossipCop', 'Ahren09/MMSoc_GossipCop', 'data/samples/MMSoc_GossipCop', 0.25);
