import { defineImageTask, firstText, stripReasoning } from 'mmsoc-bench';

/** Straight and typographic double quotes. */
const QUOTED = /["\u201C\u201D]([^"\u201C\u201D]*)["\u201C\u201D]/g;

/**
 * Reads the transcription out of an answer: the text inside double quotes, as the prompt asks (several
 * quoted spans are joined with a space); an answer without quotes is taken whole but marked invalid.
 */
export function parseQuoted(output: string): { value: string; valid: boolean } {
  const answer = stripReasoning(output).trim();
  const spans = [...answer.matchAll(QUOTED)].map((m) => m[1]!.trim()).filter(Boolean);
  if (spans.length > 0) return { value: spans.join(' '), valid: true };
  return { value: answer, valid: false };
}

/**
 * Memotion OCR: transcribe the meme's text. The reference text is `text_corrected` (the human
 * correction), falling back to `text_ocr` when it is empty; rows with neither are skipped.
 */
export const ocr = defineImageTask<string>({
  id: 'ocr',
  version: '1',
  description: 'Memotion: read the text in the meme (CER, WER, exact match)',
  dataset: { hub: 'Ahren09/MMSoc_Memotion', path: 'data/samples/MMSoc_Memotion' },
  splits: { eval: 'validation', train: 'train' },
  kind: 'transcription',
  metrics: ['cer', 'wer', 'exact-match', 'valid-rate'],
  gold: (row) => firstText(row, ['text_corrected', 'text_ocr'])?.trim() ?? { skip: 'no text_corrected or text_ocr' },
  question: () => 'What is the text in the image? Use double quotes to enclose your answer.',
  parse: (output) => parseQuoted(output),
  answer: (gold) => `"${gold}"`,
});
