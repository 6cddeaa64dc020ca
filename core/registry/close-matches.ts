import { distance } from 'fastest-levenshtein';

/** Known ids that look like `wanted`, nearest first: for "did you mean" hints. */
export function closeMatches(wanted: string, known: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return [...known]
    .map((id) => ({ id, d: distance(wanted.toLowerCase(), id.toLowerCase()) }))
    .filter(({ id, d }) => d <= limit || id.includes(wanted) || wanted.includes(id))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, max)
    .map(({ id }) => id);
}

export function didYouMean(wanted: string, known: Iterable<string>): string {
  const matches = closeMatches(wanted, known);
  return matches.length ? `; did you mean ${matches.map((m) => `'${m}'`).join(' or ')}?` : '';
}
