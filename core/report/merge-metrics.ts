import type { MetricsFile } from './results.js';

/**
 * Combines metrics files of one run: pairs in `next` replace the same pairs in `base`, other pairs of
 * `base` are kept (a session that ran only some tasks must not erase the others' results).
 */
export function mergeMetrics(base: MetricsFile | undefined, next: MetricsFile): MetricsFile {
  if (!base) return next;
  const results = structuredClone(base.results);
  const counts = structuredClone(base.counts);
  const tables = structuredClone(base.tables ?? {});
  for (const [task, byModel] of Object.entries(next.results)) Object.assign((results[task] ??= {}), byModel);
  for (const [task, byModel] of Object.entries(next.counts)) Object.assign((counts[task] ??= {}), byModel);
  // A pair recomputed without tables must not keep the base's: tables go with the pair's results.
  for (const [task, byModel] of Object.entries(next.results)) for (const model of Object.keys(byModel)) delete tables[task]?.[model];
  for (const [task, byModel] of Object.entries(next.tables ?? {})) Object.assign((tables[task] ??= {}), byModel);
  return {
    ...next,
    tasks: { ...base.tasks, ...next.tasks },
    models: [...new Set([...base.models, ...next.models])],
    lowerIsBetter: [...new Set([...(base.lowerIsBetter ?? []), ...next.lowerIsBetter])].sort(),
    titles: { ...base.titles, ...next.titles },
    results,
    counts,
    tables,
  };
}
