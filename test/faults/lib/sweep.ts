import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir`, recursively (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Where any of `secrets` occurs: in the named texts (command output), in the content or the name of
 * any file under `dirs`. Each hit is `<where>: <secret>`.
 */
export function secretHits(secrets: readonly string[], texts: Readonly<Record<string, string>>, dirs: readonly string[]): { hits: string[]; filesSwept: number } {
  const hits: string[] = [];
  const check = (where: string, content: Buffer | string) => {
    for (const secret of secrets) if (content.includes(secret)) hits.push(`${where}: ${secret}`);
  };
  for (const [where, text] of Object.entries(texts)) check(where, text);
  const files = dirs.flatMap(filesUnder);
  for (const file of files) {
    check(`name of ${file}`, file);
    check(file, readFileSync(file));
  }
  return { hits, filesSwept: files.length };
}
