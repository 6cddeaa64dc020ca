import type { ParseResult } from '../contracts/task.js';
import { normaliseAnswer, stripReasoning } from './clean-output.js';

/** Label -> the phrases that name it in an answer (e.g. hateful: ['Yes', 'hateful']). */
export type ChoiceMap = Readonly<Record<string, readonly string[]>>;

/** Answers longer than this that mention one label are read but not counted as following the format. */
export const SHORT_ANSWER_WORDS = 20;

interface Phrase {
  readonly label: string;
  readonly words: readonly string[];
}

/** A task's phrase table is built once, not per answer (parsing runs once per request). */
const phraseTables = new WeakMap<ChoiceMap, Phrase[]>();

function phrasesOf(choices: ChoiceMap): Phrase[] {
  let phrases = phraseTables.get(choices);
  if (!phrases) {
    phrases = Object.entries(choices)
      .flatMap(([label, names]) => names.map((name) => ({ label, words: normaliseAnswer(name).split(' ') })))
      .sort((a, b) => b.words.length - a.words.length);
    phraseTables.set(choices, phrases);
  }
  return phrases;
}

function matchesAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((word, i) => words[at + i] === word);
}

/**
 * Reads a closed-choice answer leniently but deterministically:
 * 1. the answer's first clause (up to the first punctuation mark) is a label phrase: "Yes.",
 *    "**No**", "'not_humorous'", "No, it is not hateful" -> that label, valid;
 * 2. otherwise exactly one label is named anywhere (longest phrases first, so "not humorous" is not
 *    read as "humorous") -> that label, valid if the answer is short;
 * anything else (no label, two different labels) -> no value, invalid.
 */
export function parseChoice(output: string, choices: ChoiceMap): ParseResult<string> {
  const answer = stripReasoning(output);
  const words = normaliseAnswer(answer).split(' ').filter(Boolean);
  if (words.length === 0) return { value: null, valid: false };
  const phrases = phrasesOf(choices);
  const firstClause = normaliseAnswer(answer.split(/[.,:;!?\n]/).find((part) => normaliseAnswer(part) !== '') ?? '');
  const leading = phrases.find((p) => p.words.join(' ') === firstClause);
  if (leading) return { value: leading.label, valid: true };
  const found = new Set<string>();
  for (let at = 0; at < words.length; ) {
    const phrase = phrases.find((p) => matchesAt(words, at, p.words));
    if (phrase) {
      found.add(phrase.label);
      at += phrase.words.length;
    } else at++;
  }
  if (found.size !== 1) return { value: null, valid: false };
  const [label] = found;
  return { value: label!, valid: words.length <= SHORT_ANSWER_WORDS };
}
