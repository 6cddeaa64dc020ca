import { stripReasoning } from './clean-output.js';

/** One sentence of an answer, cut into clauses of normalised words. */
export interface AnswerSentence {
  /** It ends with a question mark: an echoed question, not a claim. */
  readonly question: boolean;
  readonly clauses: readonly (readonly string[])[];
}

/** Spelled-out contractions, so "isn't", "isn’t" and "is not" read the same. */
const CONTRACTIONS: readonly [RegExp, string][] = [
  [/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'"],
  [/\bcan't\b|\bcannot\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bain't\b/g, 'is not'],
  [/n't\b/g, ' not'],
  [/'s\b/g, ' is'],
  [/'re\b/g, ' are'],
  [/'m\b/g, ' am'],
  [/'d\b/g, ' would'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
];

const SENTENCE = /[^.!?\n]+[.!?]*/g;
const CLAUSE_BREAK = /[,;:()[\]{}|\u2013\u2014]|\s-\s/;
const NOT_A_WORD = /[^\p{L}\p{N}\s]/gu;

/** Lower case, contractions spelled out, `_` and `-` inside words read as spaces. */
function spelledOut(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  return out.replace(/(\p{L})[_-](?=\p{L})/gu, '$1 ').replace(/_/g, ' ');
}

function wordsOf(clause: string): string[] {
  return clause.replace(NOT_A_WORD, ' ').split(/\s+/).filter(Boolean);
}

/**
 * The answer's sentences, its reasoning block removed: split at `.`, `!`, `?` and new lines, each cut
 * into clauses at commas, semicolons, colons, brackets and dashes. Markdown, quotes and other
 * punctuation are dropped from the words.
 */
export function answerSentences(output: string): AnswerSentence[] {
  const text = spelledOut(stripReasoning(output));
  const sentences: AnswerSentence[] = [];
  for (const [raw] of text.matchAll(SENTENCE)) {
    const clauses = raw.split(CLAUSE_BREAK).map(wordsOf).filter((words) => words.length > 0);
    if (clauses.length) sentences.push({ question: /\?[\s"'*_)\]]*$/.test(raw), clauses });
  }
  return sentences;
}

/** Normalises a label phrase the way answers are normalised, so both compare word for word. */
export function phraseWords(phrase: string): string[] {
  return wordsOf(spelledOut(phrase));
}
