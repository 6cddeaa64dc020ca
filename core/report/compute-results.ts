import type { MetricPlugin, PredictionRecord } from '../contracts/metric.js';
import type { TaskPlugin } from '../contracts/task.js';
import { BenchError, EXIT } from '../errors.js';
import { bootstrapIntervals } from '../metrics/bootstrap.js';
import { resultTable } from './result-table.js';
import type { Estimate, MetricsFile, PairCounts, ResultTable } from './results.js';

export interface PairRecords {
  readonly taskKey: string;
  readonly task: TaskPlugin;
  readonly split: string;
  readonly modelName: string;
  readonly records: readonly PredictionRecord[];
}

/** A metric's result as the contract says it is: named numbers (anything else is the plugin's bug). */
function checkedNumbers(result: unknown): Readonly<Record<string, number>> {
  if (!result || typeof result !== 'object' || Array.isArray(result)) throw new Error(`returned ${JSON.stringify(result)?.slice(0, 60)}, not named numbers`);
  for (const [name, value] of Object.entries(result)) {
    if (typeof value !== 'number') throw new Error(`returned ${JSON.stringify(value)?.slice(0, 40)} for '${name}', not a number`);
  }
  return result as Record<string, number>;
}

export function countRecords(records: readonly PredictionRecord[]): PairCounts {
  let valid = 0;
  let failed = 0;
  let skipped = 0;
  let cached = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let readByJudge = 0;
  for (const r of records) {
    if (r.skipped) skipped++;
    else if (r.error !== null) failed++;
    else if (r.valid) valid++;
    if (r.error === null && r.parsedBy === 'judge' && r.prediction !== null) readByJudge++;
    if (r.cached) cached++;
    promptTokens += r.usage?.promptTokens ?? 0;
    completionTokens += r.usage?.completionTokens ?? 0;
  }
  return { samples: records.length, valid, failed, skipped, cached, promptTokens, completionTokens, ...(readByJudge ? { readByJudge } : {}) };
}

/**
 * Every metric of every pair, over the answered records (failed and skipped samples are counted,
 * not scored): its numbers each with a seeded bootstrap interval, and its table if it has one.
 */
export function computeResults(
  pairs: readonly PairRecords[],
  metric: (id: string) => MetricPlugin,
  options: { runId: string; now: Date; bootstrapSamples: number; seed: number },
): MetricsFile {
  const confidence = 0.95;
  const results: MetricsFile['results'] = {};
  const counts: MetricsFile['counts'] = {};
  const tables: NonNullable<MetricsFile['tables']> = {};
  const titles: Record<string, string> = {};
  const tasks: Record<string, MetricsFile['tasks'][string]> = {};
  const models: string[] = [];
  const lowerIsBetter = new Set<string>();
  for (const pair of pairs) {
    tasks[pair.taskKey] = { task: pair.task.id, version: pair.task.version, split: pair.split, metrics: pair.task.metrics };
    if (!models.includes(pair.modelName)) models.push(pair.modelName);
    // Sorted by id: the bootstrap resamples by position, and a resumed run writes in another order.
    const answered = pair.records.filter((r) => r.error === null && !r.skipped).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const context = { labels: pair.task.labels };
    const estimates: Record<string, Estimate> = {};
    const pairTables: Record<string, ResultTable> = {};
    for (const id of pair.task.metrics) {
      const plugin = metric(id);
      if (plugin.better === 'lower') lowerIsBetter.add(id);
      titles[id] = plugin.title ?? id;
      const where = `metric ${id} on task ${pair.taskKey}, model ${pair.modelName}`;
      try {
        const numbers = bootstrapIntervals(answered, (sample) => checkedNumbers(plugin.compute(sample, context)), {
          samples: options.bootstrapSamples,
          seed: options.seed,
          confidence,
        });
        Object.assign(estimates, numbers);
        if (plugin.table) pairTables[id] = resultTable(plugin.table(answered, context), numbers);
      } catch (error) {
        throw new BenchError(`${where}: ${error instanceof Error ? error.message : String(error)}`, EXIT.someFailed, { cause: error });
      }
    }
    (results[pair.taskKey] ??= {})[pair.modelName] = estimates;
    if (Object.keys(pairTables).length > 0) (tables[pair.taskKey] ??= {})[pair.modelName] = pairTables;
    (counts[pair.taskKey] ??= {})[pair.modelName] = countRecords(pair.records);
  }
  return {
    runId: options.runId,
    generatedAt: options.now.toISOString(),
    bootstrap: { samples: options.bootstrapSamples, seed: options.seed, confidence },
    tasks,
    models,
    lowerIsBetter: [...lowerIsBetter].sort(),
    titles,
    results,
    counts,
    tables,
  };
}
