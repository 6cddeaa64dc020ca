/**
 * Names datasets give their held-out split. Hub datasets differ (Memotion says `validation`,
 * YouTube2000 says `val`); a split of one group that a folder lacks is pointed to the one it has,
 * never read in its place: which split was evaluated must be what the user asked for.
 */
const SAME_ROLE: readonly (readonly string[])[] = [['validation', 'val', 'valid', 'dev']];

function didYouMean(split: string, found: readonly string[]): string {
  const group = SAME_ROLE.find((names) => names.includes(split));
  const other = group && found.find((name) => group.includes(name));
  return other ? `; did you mean '${other}'?` : '';
}

/** The error for a split a folder does not have, naming what it does have. */
export function unknownSplit(split: string, root: string, found: readonly string[]): Error {
  return new Error(`split '${split}' not found in ${root} (splits found: ${[...found].sort().join(', ') || 'none'})${didYouMean(split, found)}`);
}
