import type { z } from 'zod';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A key as written, or quoted when it holds characters that would break the one-line message. */
function printableKey(key: string): string {
  return /^[\w$@./-]+$/.test(key) ? key : JSON.stringify(key);
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * One line per problem, naming the key path, the value found and what was expected, e.g.
 * `models.llava.concurrency = "64": expected number, received string`.
 */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown, prefix: readonly PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const where = path.length ? `${path.map((key) => printableKey(String(key))).join('.')}.` : '';
    return issue.keys.map((key) => `${where}${printableKey(key)}: unknown key`).join('; ');
  }
  const message = issue.message.replace(/^Invalid input: /, '');
  return `${path.map((key) => printableKey(String(key))).join('.') || '(root)'} = ${show(valueAt(input, issue.path))}: ${message}`;
}

export function formatIssues(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = []): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'invalid value';
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  return formatIssue(first, input, prefix) + more;
}
