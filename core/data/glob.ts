/**
 * A test for repo paths against patterns such as `data/validation-*`: `*` and `?` stay within one
 * path segment and `**` crosses segments, as in `huggingface-cli download --include`. No patterns
 * means every path.
 */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => true;
  const expressions = patterns.map((pattern) => {
    const body = pattern
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((part) => {
        if (part === '**/') return '(?:.*/)?';
        if (part === '**') return '.*';
        if (part === '*') return '[^/]*';
        if (part === '?') return '[^/]';
        return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    return new RegExp(`^${body}$`);
  });
  return (path) => expressions.some((expression) => expression.test(path));
}
