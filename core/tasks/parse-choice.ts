import type { ParseResult } from '../contracts/task.js';
import { answerSentences, phraseWords, type AnswerSentence } from './answer-sentences.js';
import {
  afterAndStarters,
  answerVerbs,
  answerWords,
  clauseStarters,
  conclusionStarts,
  conclusionWords,
  hedges,
  negators,
  notAsserting,
  notNegating,
  PhraseIndex,
  restrictors,
  VERDICT_WORDS,
} from './answer-words.js';

/**
 * Label -> the words and phrases that name it in an answer (synonyms included: humorous: ['humorous',
 * 'funny', 'hilarious']). The phrases `Yes` and `No` declare the label a bare yes / no answer gives,
 * like `ChoiceReading.yes` / `no`.
 */
export type ChoiceMap = Readonly<Record<string, readonly string[]>>;

/** How the question's polarity and negation map onto the labels. */
export interface ChoiceReading {
  /** The label a plain "Yes" gives: the label the question asks about ("Is this meme humorous?" -> humorous). */
  readonly yes?: string;
  /** The label a plain "No" gives. */
  readonly no?: string;
  /**
   * Label -> the label a negated mention of it means ("not humorous", "isn't funny", "non-humorous"
   * -> not_humorous). A negated label without an entry gives no label ("not positive" is not read).
   * Default: with both `yes` and `no` known, each is the negation of the other.
   */
  readonly negated?: Readonly<Record<string, string>>;
}

/** Answers longer than this are read but not counted as following the format. */
export const SHORT_ANSWER_WORDS = 20;

interface ReadingTable {
  readonly labels: PhraseIndex<string>;
  readonly yes?: string;
  readonly no?: string;
  readonly negated: Readonly<Record<string, string>>;
}

/** A task's tables are built once, not per answer (parsing runs once per request). */
const tables = new WeakMap<ChoiceMap, Map<ChoiceReading | undefined, ReadingTable>>();

function tableOf(choices: ChoiceMap, reading: ChoiceReading | undefined): ReadingTable {
  let byReading = tables.get(choices);
  if (!byReading) tables.set(choices, (byReading = new Map<ChoiceReading | undefined, ReadingTable>()));
  let table = byReading.get(reading);
  if (!table) {
    let { yes, no } = reading ?? {};
    const phrases: [string, string][] = [];
    for (const [label, names] of Object.entries(choices)) {
      for (const name of names) {
        const words = phraseWords(name).join(' ');
        if (words === 'yes') yes ??= label;
        else if (words === 'no') no ??= label;
        else phrases.push([words, label]);
      }
    }
    // A yes/no question has two sides: negating one names the other, unless the task says otherwise.
    const negated = reading?.negated ?? (yes !== undefined && no !== undefined ? { [yes]: no, [no]: yes } : {});
    table = { labels: new PhraseIndex(phrases), yes, no, negated };
    byReading.set(reading, table);
  }
  return table;
}

/** What one sentence says: the labels it gives, and whether it states a conclusion. */
interface SentenceReading {
  readonly labels: ReadonlySet<string>;
  readonly conclusion: boolean;
  readonly words: number;
}

function answerLabel(table: ReadingTable, word: 'yes' | 'no'): string | undefined {
  return word === 'yes' ? table.yes : table.no;
}

/** Splits a clause further before "but", "however" ..., before "and it ..." and before "just" / "only". */
function statements(clause: readonly string[]): string[][] {
  const parts: string[][] = [[]];
  clause.forEach((word, i) => {
    // "anything but", "not just": one phrase with the word before, not a new statement.
    const pair = [clause[i - 1] ?? '', word];
    const inPhrase = negators.match(pair, 0)?.length === 2 || notNegating.match(pair, 0)?.length === 2;
    const andStarts = word === 'and' && afterAndStarters.has(clause[i + 1] ?? '');
    const starts = !inPhrase && (clauseStarters.has(word) || restrictors.has(word) || andStarts);
    if (starts && parts.at(-1)!.length > 0) parts.push([]);
    parts.at(-1)!.push(word);
  });
  return parts;
}

/**
 * The labels one statement gives: a leading yes/no through the question's polarity, each label phrase
 * (longest first) bound to the negations before it in the statement, and a trailing "... is no".
 */
function readStatement(words: readonly string[], table: ReadingTable, found: Set<string>): void {
  let at = 0;
  // "No, ..." and "No it is not" answer; "No hateful content" and "No one ..." negate; "No doubt" is an idiom.
  const leading = notNegating.match(words, 0) ? undefined : answerWords.match(words, 0);
  const longerNegator = (negators.match(words, 0)?.length ?? 0) > (leading?.length ?? 0);
  if (leading && !longerNegator && !table.labels.match(words, leading.length)) {
    const label = answerLabel(table, leading.value);
    if (label) found.add(label);
    at = leading.length;
  }
  let negated = false;
  while (at < words.length) {
    if (notAsserting.match(words, at)) return;
    const idiom = notNegating.match(words, at);
    if (idiom) {
      at += idiom.length;
      continue;
    }
    const phrase = table.labels.match(words, at);
    if (phrase) {
      const label = negated ? table.negated[phrase.value] : phrase.value;
      if (label) found.add(label);
      at += phrase.length;
      // "not offensive or hateful": the negation carries over "or" / "nor" to the next label.
      negated = negated && (words[at] === 'or' || words[at] === 'nor');
      if (negated) at++;
      continue;
    }
    const negator = negators.match(words, at);
    if (negator) {
      negated = negator.value === 'set' ? true : !negated;
      at += negator.length;
      continue;
    }
    at++;
  }
  const last = words.length - 1;
  const trailing = last > 0 && answerVerbs.has(words[last - 1]!) ? answerWords.match(words, last) : undefined;
  const label = trailing && answerLabel(table, trailing.value);
  if (label) found.add(label);
}

/** "Hateful: No", "humorous - yes", "Hateful content: none": a label named, then answered yes or no. */
function labelAnswered(clauses: AnswerSentence['clauses'], table: ReadingTable): string | undefined {
  if (clauses.length !== 2) return undefined;
  const [named, answered] = clauses as [readonly string[], readonly string[]];
  const label = table.labels.match(named, 0);
  if (label?.length !== named.length) return undefined;
  const word = answered.length === 1 && answered[0] === 'none' ? { value: 'no', length: 1 } : answerWords.match(answered, 0);
  if (word?.length !== answered.length) return undefined;
  return word.value === 'yes' ? label.value : table.negated[label.value];
}

function readSentence(sentence: AnswerSentence, table: ReadingTable): SentenceReading {
  const found = new Set<string>();
  const answered = labelAnswered(sentence.clauses, table);
  if (answered) found.add(answered);
  else for (const clause of sentence.clauses) for (const statement of statements(clause)) readStatement(statement, table, found);
  const words = sentence.clauses.flat();
  const conclusion = conclusionStarts.has(words[0]!) || words.some((w) => conclusionWords.has(w));
  // "'positive' or 'negative'": options listed, not an answer given.
  const listsOptions = found.size > 1 && words.includes('or');
  return { labels: listsOptions ? new Set() : found, conclusion, words: words.length };
}

function single(labels: ReadonlySet<string>): string | undefined {
  return labels.size === 1 ? [...labels][0] : undefined;
}

/**
 * Which label the answer gives: the one all its sentences agree on; when they disagree, the last
 * sentence stating a conclusion ("Therefore ...", "Answer: ..."), else a short first sentence that is
 * a verdict ("No.", "Not hateful."); otherwise none.
 */
function decide(readings: readonly SentenceReading[]): string | null {
  const informative = readings.filter((r) => r.labels.size > 0);
  if (informative.length === 0) return null;
  const all = new Set(informative.flatMap((r) => [...r.labels]));
  const agreed = single(all);
  if (agreed) return agreed;
  const conclusion = informative.filter((r) => r.conclusion).at(-1);
  if (conclusion) return single(conclusion.labels) ?? null;
  const first = informative[0]!;
  return first === readings[0] && first.words <= VERDICT_WORDS ? single(first.labels) ?? null : null;
}

/**
 * Reads a closed-choice answer deterministically (docs/tasks.md has the full rules and examples):
 * - a hedge or refusal anywhere ("cannot determine", "difficult to say", "as an AI") gives no label;
 * - echoed questions (sentences ending in `?`) and listed options ("'positive' or 'negative'") are skipped;
 * - "Yes" / "No" give the question's labels (`reading.yes` / `reading.no`);
 * - a label phrase preceded in its clause by a negation (not, n't, non-, no, never, nothing, neither /
 *   nor, without ...) gives `reading.negated[label]`, or nothing when the task has none;
 * - the sentences must agree, else a conclusion sentence or a short first verdict decides.
 * An answer with a label is valid if it has at most `SHORT_ANSWER_WORDS` words; without one it is invalid.
 */
export function parseChoice(output: string, choices: ChoiceMap, reading?: ChoiceReading): ParseResult<string> {
  const table = tableOf(choices, reading);
  const sentences = answerSentences(output);
  if (sentences.some((s) => s.clauses.some((clause) => hedges.occursIn(clause)))) return { value: null, valid: false };
  const readings = sentences.filter((s) => !s.question).map((s) => readSentence(s, table));
  const value = decide(readings);
  if (value === null) return { value: null, valid: false };
  const words = sentences.reduce((n, s) => n + s.clauses.reduce((m, c) => m + c.length, 0), 0);
  return { value, valid: words <= SHORT_ANSWER_WORDS };
}
