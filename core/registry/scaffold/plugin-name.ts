import { basename } from 'node:path';

// npm's rules for new package names: lowercase, URL-safe, optionally scoped, at most 214 characters.
const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const MAX_NAME_LENGTH = 214;

/** Why `name` cannot be an npm package name, or undefined when it can. */
export function invalidPackageName(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (!NPM_NAME.test(name)) return 'is not a valid npm package name (lowercase letters, digits, - . _ ~, optionally @scope/)';
  return undefined;
}

/**
 * The short name a plugin's ids start with: ids are global across plugins, so `mmsoc-bench-plugin-demo`
 * and `@acme/mmsoc-bench-plugin-demo` both name theirs `demo/...`.
 */
export function idPrefix(name: string): string {
  return basename(name).replace(/^mmsoc-(?:bench-)?plugin-/, '');
}

/** The folder `bench plugins init` creates when none is given: the name without its scope. */
export function defaultFolder(name: string): string {
  return basename(name);
}
