import type { Options } from 'yargs';
import type { z } from 'zod';
import type { CollectorPlugin } from '../contracts/collector.js';

/** `mostPopular` -> `most-popular`: the flag a collector's option key becomes. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * The yargs options of `bench collect <id>`, read off the collector's zod schema: the type of each key (under
 * `.optional()` and `.default()`), its `.describe()` text and its default; then `--state`, which every collector
 * has. A key no flag can carry (an object, a function) is the plugin author's mistake, reported with the
 * collector's id.
 */
export function collectorFlags(collector: CollectorPlugin<any>): Record<string, Options> {
  const shape = collector.options?.shape ?? {};
  return {
    ...Object.fromEntries(Object.entries(shape).map(([key, schema]) => [flagName(key), flagOf(collector.id, key, schema as z.ZodType)])),
    state: { type: 'string', default: `.bench/${collector.id}`, describe: 'State directory the collector owns; the same one resumes it' },
  };
}

function flagOf(id: string, key: string, schema: z.ZodType): Options {
  const flag: Options = schema.description ? { describe: schema.description } : {};
  let inner = schema;
  for (;;) {
    const def = inner.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
    if (def.type === 'default') flag.default ??= def.defaultValue;
    if (def.type !== 'optional' && def.type !== 'default' && def.type !== 'nullable') break;
    inner = def.innerType!;
  }
  const def = inner.def as { type: string; element?: z.ZodType; entries?: Record<string, string> };
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return { ...flag, type: def.type };
    case 'enum':
      return { ...flag, choices: Object.values(def.entries!) };
    case 'array':
      if (def.element?.def.type === 'string' || def.element?.def.type === 'number') return { ...flag, type: def.element.def.type, array: true };
  }
  throw new Error(`collector ${id}: option ${key} has type ${def.type === 'array' ? `${def.element?.def.type} list` : def.type}; a flag carries a string, number, boolean, enum or a list of strings or numbers`);
}
