/** The error for a split a folder does not have, naming what it does have. */
export function unknownSplit(split: string, root: string, found: readonly string[]): Error {
  return new Error(`split '${split}' not found in ${root} (splits found: ${[...found].sort().join(', ') || 'none'})`);
}
