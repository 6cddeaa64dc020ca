import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// Static imports and re-exports (`from '...'`), side-effect imports and dynamic `import('...')`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mts)$/.test(entry.name) ? [path] : [];
  });
}

/** `file: specifier` for every relative import under `root` that reaches outside it. */
export function importsLeaving(root: string): string[] {
  const inside = resolve(root) + sep;
  return sourceFiles(root).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(SPECIFIER)]
      .map((match) => match[2]!)
      .filter((specifier) => specifier.startsWith('.') && !resolve(dirname(file), specifier).startsWith(inside))
      .map((specifier) => `${relative(root, file)}: ${specifier}`),
  );
}
