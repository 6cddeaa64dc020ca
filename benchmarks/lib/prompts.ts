/**
 * The text-only request of the client-cost benchmark, shared by the benchmark's text task (what our
 * pipeline sends) and the minimal client, so both send byte-identical bodies. No imports: the
 * minimal client must not load the core.
 */
export const TEXT_QUESTION = "Is this post hateful? Answer 'Yes' or 'No'.";

export function textPrompt(post: string): string {
  return `Post: ${post}\n\n${TEXT_QUESTION}`;
}
