import type { DatasetSource } from '../contracts/dataset.js';
import type { Row } from '../contracts/sample.js';

/**
 * Presents a dataset's rows under the column names a task reads: `mapping` is task column ->
 * dataset column, from the task's defaults and the config's `dataset.columns`.
 */
export function withColumnMapping(source: DatasetSource, mapping: Readonly<Record<string, string>>): DatasetSource {
  const pairs = Object.entries(mapping).filter(([task, dataset]) => task !== dataset);
  if (pairs.length === 0) return source;
  return {
    root: source.root,
    readFile: (path) => source.readFile(path),
    ...(source.splits ? { splits: () => source.splits!() } : {}),
    ...(source.count ? { count: (split: string) => source.count!(split) } : {}),
    async *rows(split: string): AsyncGenerator<Row> {
      for await (const row of source.rows(split)) {
        const renamed: Record<string, unknown> = { ...row };
        for (const [task, dataset] of pairs) renamed[task] = row[dataset];
        yield renamed;
      }
    },
  };
}
