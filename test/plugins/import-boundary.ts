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

/** The file a relative specifier names: sources import siblings as `.js` and are `.ts` on disk. */
function resolveImport(file: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const target = resolve(dirname(file), specifier);
  return [target.replace(/\.js$/, '.ts'), target].find((candidate) => files.has(candidate));
}

/** Every source file under `root` (absolute path) -> the files under `root` it imports. */
export function importGraph(root: string): Map<string, Set<string>> {
  const files = new Set(sourceFiles(resolve(root)));
  return new Map(
    [...files].map((file) => [
      file,
      new Set(
        [...readFileSync(file, 'utf8').matchAll(SPECIFIER)]
          .map((match) => match[2]!)
          .filter((specifier) => specifier.startsWith('.'))
          .flatMap((specifier) => resolveImport(file, specifier, files) ?? []),
      ),
    ]),
  );
}

/** The import cycles of a graph: its strongly connected components of more than one file (Tarjan). */
export function importCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === file) break;
    }
    if (component.length > 1) cycles.push(component);
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}
