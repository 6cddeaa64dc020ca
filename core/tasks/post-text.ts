/** Default number of words of a post put into a prompt, as in the reference code. */
export const DEFAULT_MAX_WORDS = 128;

/**
 * The reference's treatment of post text in prompts: whitespace collapsed, cut to the first
 * `maxWords` words, and a period appended when the text does not already end in punctuation.
 */
export function truncatePost(text: string, maxWords: number): string {
  const words = text.split(/\s+/).filter(Boolean).slice(0, maxWords);
  const joined = words.join(' ');
  if (joined === '') return '';
  return /[.,:;?!|]$/.test(joined) ? joined : `${joined}.`;
}

/** The post text, then the question, separated by one space (empty post: the question alone). */
export function withPost(post: string | undefined, question: string, maxWords: number): string {
  const text = post ? truncatePost(post, maxWords) : '';
  return text ? `${text} ${question}` : question;
}
