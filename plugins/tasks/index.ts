import { hateSpeech } from './hate-speech.js';
import { humor, motivational, offensive, sarcasm, sentiment } from './memotion.js';
import { misinformationGossipcop, misinformationPolitifact } from './misinformation.js';
import { ocr } from './ocr.js';
import { relevance } from './relevance.js';
import { tagging } from './tagging.js';
import { imageDescription, socialContext } from './generation.js';

/** The ten MM-Soc tasks, then the reference's optional extras. */
export const builtinTasks = [
  misinformationPolitifact,
  misinformationGossipcop,
  hateSpeech,
  humor,
  sarcasm,
  offensive,
  sentiment,
  ocr,
  tagging,
  imageDescription,
  socialContext,
  motivational,
  relevance,
];
