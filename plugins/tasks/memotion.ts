import { defineClassificationTask, type ChoiceMap, type ClassificationTaskSpec } from 'mmsoc-bench';

/**
 * The Memotion tasks share one dataset (Ahren09/MMSoc_Memotion): each reads its own label column,
 * whose raw values are Memotion's 4-5 level strings, mapped to the benchmark's labels as MMSOC.md
 * gives them. The meme image is sent alone (the reference puts no post text in these prompts);
 * the meme text (`text_corrected`, else `text_ocr`) stays on the sample for text baselines.
 */
const MEMOTION = { hub: 'Ahren09/MMSoc_Memotion', path: 'data/samples/MMSoc_Memotion' } as const;
const SPLITS = { eval: 'validation', train: 'train' } as const;
const TEXT = ['text_corrected', 'text_ocr'] as const;

interface MemotionSpec extends Pick<ClassificationTaskSpec, 'yes' | 'no'> {
  id: string;
  description: string;
  column: string;
  prompt: string;
  labelMap: Record<string, string>;
  choices: ChoiceMap;
}

function memotionTask(spec: MemotionSpec) {
  return defineClassificationTask({
    id: spec.id,
    version: '2',
    description: spec.description,
    dataset: MEMOTION,
    splits: SPLITS,
    prompt: spec.prompt,
    choices: spec.choices,
    yes: spec.yes,
    no: spec.no,
    labelColumn: spec.column,
    textColumns: TEXT,
    gold: (raw) => (typeof raw === 'string' ? spec.labelMap[raw.trim().toLowerCase()] : undefined),
  });
}

export const humor = memotionTask({
  id: 'humor',
  description: 'Memotion: is this meme humorous? (humorous / not_humorous)',
  column: 'humor',
  prompt: "Is this meme humorous? Answer 'humorous' or 'not_humorous'.",
  labelMap: { hilarious: 'humorous', very_funny: 'humorous', funny: 'humorous', not_funny: 'not_humorous' },
  choices: {
    humorous: ['humorous', 'humourous', 'funny', 'hilarious', 'very funny', 'amusing', 'comical', 'comedic', 'humor', 'humour'],
    not_humorous: ['not_humorous', 'not_funny', 'unfunny', 'humorless', 'humourless'],
  },
  yes: 'humorous',
  no: 'not_humorous',
});

export const sarcasm = memotionTask({
  id: 'sarcasm',
  description: 'Memotion: is this meme sarcastic? (sarcastic / not_sarcastic)',
  column: 'sarcasm',
  prompt: "Is this meme sarcastic? Answer 'sarcastic' or 'not_sarcastic'.",
  labelMap: { general: 'sarcastic', twisted_meaning: 'sarcastic', very_twisted: 'sarcastic', not_sarcastic: 'not_sarcastic' },
  choices: { sarcastic: ['sarcastic', 'sarcasm', 'ironic', 'irony', 'twisted meaning'], not_sarcastic: ['not_sarcastic', 'sincere', 'literal'] },
  yes: 'sarcastic',
  no: 'not_sarcastic',
});

export const offensive = memotionTask({
  id: 'offensive',
  description: 'Memotion: is this meme offensive? (offensive / not_offensive)',
  column: 'offensive',
  prompt: "Is this meme offensive? Answer 'offensive' or 'not_offensive'.",
  labelMap: { slight: 'offensive', very_offensive: 'offensive', hateful_offensive: 'offensive', not_offensive: 'not_offensive' },
  choices: { offensive: ['offensive', 'very offensive', 'slightly offensive', 'insulting', 'hateful'], not_offensive: ['not_offensive', 'inoffensive', 'harmless'] },
  yes: 'offensive',
  no: 'not_offensive',
});

/** Optional extra: the reference has the labels but no prompt; this one follows the others' pattern. */
export const motivational = memotionTask({
  id: 'motivational',
  description: 'Memotion (optional extra): is this meme motivational? (motivational / not_motivational)',
  column: 'motivational',
  prompt: "Is this meme motivational? Answer 'motivational' or 'not_motivational'.",
  labelMap: { motivational: 'motivational', not_motivational: 'not_motivational' },
  choices: { motivational: ['motivational', 'motivating', 'inspirational', 'inspiring', 'uplifting'], not_motivational: ['not_motivational', 'unmotivational', 'demotivational'] },
  yes: 'motivational',
  no: 'not_motivational',
});

/** The reference prompt has no final period; kept verbatim. */
export const sentiment = memotionTask({
  id: 'sentiment',
  description: 'Memotion: overall sentiment of the meme (positive / neutral / negative)',
  column: 'sentiment',
  prompt: "What is the overall sentiment expressed through this meme? Answer 'positive' or 'neutral' or 'negative'",
  labelMap: { very_negative: 'negative', negative: 'negative', neutral: 'neutral', positive: 'positive', very_positive: 'positive' },
  choices: {
    positive: ['positive', 'very positive', 'mostly positive'],
    neutral: ['neutral'],
    negative: ['negative', 'very negative', 'mostly negative'],
  },
});

