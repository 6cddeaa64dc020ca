/**
 * The word lists answer reading works with, all in the form `answerSentences` produces: lower case,
 * contractions spelled out ("isn't" -> "is not", "can't" -> "can not"), `_` and `-` read as spaces.
 * Each list is a set of token sequences, matched whole words only.
 */

/** Words that negate the label they come before, up to the end of the clause ("not", "non-", "n't"). */
export const NEGATORS = [
  'not', 'non', 'no', 'no one', 'never', 'nothing', 'none', 'nobody', 'without', 'lacks', 'lack', 'lacking', 'free of', 'devoid of', 'absence of',
  'absent', 'far from', 'hardly', 'barely', 'scarcely', 'anything but', 'rather than', 'instead of', 'fails to be', 'fail to be', 'failed to be',
];

/** Negators that always mean "negated", however many came before ("neither funny nor clever"). */
export const FIXED_NEGATORS = ['neither', 'nor'];

/** Phrases that contain a negator but do not negate what follows ("no doubt it is hateful"). */
export const NOT_NEGATING = [
  'no doubt', 'no question', 'without a doubt', 'without doubt', 'not only', 'not just', 'no wonder', 'not to mention', 'no matter', 'nothing but',
];

/**
 * Hedges and refusals: an answer containing one gives no label, whatever else it says ("I cannot
 * determine whether this meme is hateful", "It could be seen as offensive").
 */
export const HEDGES = [
  'can not determine', 'can not be determined', 'can not tell', 'can not say', 'can not be sure', 'can not assess', 'can not judge',
  'can not evaluate', 'can not decide', 'can not classify', 'can not make', 'can not provide', 'can not help', 'can not assist',
  'can not answer', 'can not verify', 'can not confirm', 'can not be certain', 'can not definitively', 'can not access', 'can not view',
  'unable to', 'not able to', 'not possible to', 'impossible to', 'no way to', 'will not be able',
  'difficult to say', 'difficult to determine', 'difficult to tell', 'difficult to assess', 'hard to say', 'hard to tell', 'hard to determine',
  'as an ai', 'as a language model', 'as an assistant', 'i am sorry', 'sorry but', 'i apologize',
  'not sure', 'unsure', 'uncertain', 'unclear', 'not clear', 'ambiguous', 'it depends', 'depends on', 'depending on',
  'do not know', 'not enough information', 'insufficient', 'more context', 'more information', 'subjective', 'open to interpretation',
  'could be either', 'either way', 'may or may not', 'might or might not', 'could go either',
  'maybe', 'perhaps', 'possibly', 'might be', 'could be', 'may be', 'might not', 'could not say', 'would need',
];

/** Answer words: "Yes", "No" and their variants, read through the question's polarity. */
/** "Certainly!" and "Absolutely!" open chatty answers of any polarity, so they are not yes words. */
export const YES_WORDS = ['yes', 'yeah', 'yep', 'yup'];
export const NO_WORDS = ['no', 'nope', 'nah', 'not really', 'not at all', 'definitely not', 'absolutely not', 'certainly not', 'of course not'];

/** Words after which a trailing yes/no is the answer ("The answer is no", "I would say yes"). */
export const ANSWER_VERBS = ['is', 'say', 'be', 'answer', 'answered'];

/** Words that start a new clause: a negation does not carry over them ("not hateful, but offensive"). */
export const CLAUSE_STARTERS = ['but', 'however', 'although', 'though', 'whereas', 'while', 'yet', 'instead', 'rather', 'because', 'since'];

/** After "and", these start a new statement ("there is no text and it is hateful"). */
export const AFTER_AND_STARTERS = ['it', 'is', 'this', 'the', 'that', 'they', 'are', 'was', 'its', 'there'];

/**
 * Words after which the rest of the clause is a question or an intent, not a claim ("whether it is
 * hateful", "tries to be funny").
 */
export const NOT_ASSERTING = [
  'whether', 'if', 'tries to be', 'tried to be', 'trying to be', 'attempts to be', 'attempt to be', 'meant to be', 'intended to be',
  'supposed to be', 'wants to be', 'aims to be',
];

/** "only" / "just" start a new statement ("there is no text just a hateful symbol"), except in "not only". */
export const RESTRICTORS = ['only', 'just'];

/** A sentence starting with one of these states the conclusion ("Therefore, it is not hateful"). */
export const CONCLUSION_STARTS = ['therefore', 'thus', 'hence', 'overall', 'final', 'so'];
/** A sentence with one of these anywhere states the conclusion ("My answer is no", "In summary, ..."). */
export const CONCLUSION_WORDS = ['answer', 'conclusion', 'verdict', 'summary'];

/** A first sentence this short and naming one label is the verdict, whatever the explanation says. */
export const VERDICT_WORDS = 6;

/** A token-sequence lookup: the sequences of a list by their first word, longest first. */
export class PhraseIndex<Value> {
  private readonly byFirst = new Map<string, { words: readonly string[]; value: Value }[]>();

  constructor(entries: Iterable<readonly [string, Value]>) {
    for (const [phrase, value] of entries) {
      const words = phrase.split(' ').filter(Boolean);
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ words, value });
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(words[0]!, list);
    }
  }

  /** The longest sequence starting at `at`, with its length in words. */
  match(tokens: readonly string[], at: number): { value: Value; length: number } | undefined {
    for (const entry of this.byFirst.get(tokens[at]!) ?? []) {
      if (entry.words.every((word, i) => tokens[at + i] === word)) return { value: entry.value, length: entry.words.length };
    }
    return undefined;
  }

  /** Whether any sequence occurs anywhere in `tokens`. */
  occursIn(tokens: readonly string[]): boolean {
    return tokens.some((_, at) => this.match(tokens, at) !== undefined);
  }
}

const listIndex = (list: readonly string[]) => new PhraseIndex(list.map((phrase) => [phrase, true] as const));

export const negators = new PhraseIndex<'toggle' | 'set'>([...NEGATORS.map((n) => [n, 'toggle'] as const), ...FIXED_NEGATORS.map((n) => [n, 'set'] as const)]);
export const notNegating = listIndex(NOT_NEGATING);
export const hedges = listIndex(HEDGES);
export const answerWords = new PhraseIndex<'yes' | 'no'>([...YES_WORDS.map((w) => [w, 'yes'] as const), ...NO_WORDS.map((w) => [w, 'no'] as const)]);
export const answerVerbs = new Set(ANSWER_VERBS);
export const clauseStarters = new Set(CLAUSE_STARTERS);
export const afterAndStarters = new Set(AFTER_AND_STARTERS);
export const notAsserting = listIndex(NOT_ASSERTING);
export const restrictors = new Set(RESTRICTORS);
export const conclusionStarts = new Set(CONCLUSION_STARTS);
export const conclusionWords = new Set(CONCLUSION_WORDS);
