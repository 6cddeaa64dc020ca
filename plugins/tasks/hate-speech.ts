import { defineClassificationTask } from 'mmsoc-bench';

/**
 * Hateful Memes: is this meme hateful? The reference sends the meme image alone, with this question.
 * Raw labels: 1 -> hateful, 0 -> not hateful; the answer "Yes" means hateful.
 */
export const hateSpeech = defineClassificationTask({
  id: 'hate-speech',
  version: '2',
  description: 'Hateful Memes: is this meme hateful? (Yes / No)',
  dataset: { hub: 'Ahren09/MMSoc_HatefulMemes', path: 'data/samples/MMSoc_HatefulMemes' },
  splits: { eval: 'validation', train: 'train' },
  prompt: "Is this meme hateful? Answer 'Yes' or 'No'.",
  choices: {
    hateful: ['Yes', 'hateful', 'hate speech', 'hate', 'hatred', 'hateful content'],
    'not hateful': ['No', 'not hateful', 'harmless', 'benign'],
  },
  gold: (raw) => ({ 1: 'hateful', 0: 'not hateful' })[String(raw) as '1' | '0'],
});
