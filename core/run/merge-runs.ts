import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PredictionRecord } from '../contracts/metric.js';
import { configSchema } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { computeResults, type PairRecords } from '../report/compute-results.js';
import { withJudgements } from '../report/judgements.js';
import type { Reporter } from '../report/reporter.js';
import type { MetricsFile } from '../report/results.js';
import type { Clock } from '../services/clock.js';
import { PredictionsWriter, readPredictions } from '../store/predictions-file.js';
import { keyOfFile, type Run, type RunStore } from '../store/run-store.js';
import { shardSetProblems } from './shard-set.js';
import type { PluginLoader } from '../registry/plugin-loader.js';

const JUDGE_SUFFIX = '.judge.jsonl';

function byId(a: PredictionRecord, b: PredictionRecord): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `predictions/<task>/<file>` paths of a run folder, relative to it. */
function predictionFiles(runDir: string): string[] {
  const root = join(runDir, 'predictions');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((task) => readdirSync(join(root, task)).filter((f) => f.endsWith('.jsonl')).map((f) => join('predictions', task, f)));
}

/**
 * `bench merge`: joins the shards `0..n-1` of one config's `--shard i/n` runs, each given once and
 * finished, into a new run folder whose predictions are the union of theirs, by sample id, and whose
 * metrics are computed over them exactly as an unsharded run's would be. Any other set is refused
 * (exit 2) unless `allowPartial`, and then the merged run is marked partial (manifest and report).
 */
export class RunMerger {
  constructor(
    private readonly deps: { clock: Clock; runStore: RunStore; reporter: Reporter; plugins: PluginLoader },
  ) {}

  async merge(dirs: readonly string[], out?: string, options: { allowPartial?: boolean } = {}): Promise<{ run: Run; metrics: MetricsFile }> {
    const runs = await Promise.all(
      dirs.map(async (dir) => {
        const run = await this.deps.runStore.existing(resolve(dir));
        if (!run) throw new UsageError(`${dir}: not a run folder (no manifest.json)`);
        return run;
      }),
    );
    const first = runs[0]!;
    for (const run of runs.slice(1)) {
      if (run.manifest.data.configHash !== first.manifest.data.configHash) {
        throw new UsageError(`${run.dir} and ${first.dir} come from different configs (hash ${run.manifest.data.configHash} vs ${first.manifest.data.configHash}); only runs of one config can be merged`);
      }
    }
    const problems = shardSetProblems(runs.map((run) => ({ dir: run.dir, status: run.manifest.data.status, ...(run.manifest.data.shard ? { shard: run.manifest.data.shard } : {}) })));
    if (problems.length && !options.allowPartial) {
      throw new UsageError(`not the complete shards of one run: ${problems.join('; ')} (--allow-partial merges them anyway, marked partial)`);
    }
    const parsed = configSchema.safeParse(first.manifest.data.config);
    if (!parsed.success) throw new UsageError(`${first.dir}/manifest.json: the config snapshot is not valid for this version of mmsoc-bench`);
    const config = parsed.data;
    const configDir = dirname(first.manifest.data.configFile);
    const registry = await this.deps.plugins.load(config.plugins, configDir);
    if (registry.problems.length) throw new UsageError(registry.problems[0]!);

    const merged = await this.deps.runStore.open({
      output: resolve(out ?? dirname(first.dir)),
      configHash: first.manifest.data.configHash,
      fresh: true,
      label: 'merged',
      init: { configFile: first.manifest.data.configFile, config: first.manifest.data.config, plugins: first.manifest.data.plugins, gitCommit: first.manifest.data.gitCommit },
    });
    merged.manifest.data.mergedFrom = runs.map((r) => r.dir);
    if (problems.length) merged.manifest.data.partial = problems;

    const files = [...new Set(runs.flatMap((run) => predictionFiles(run.dir)))].sort();
    const records = new Map<string, Map<string, PredictionRecord>>();
    for (const file of files) {
      const union = new Map<string, PredictionRecord>();
      for (const run of runs) for (const [id, record] of readPredictions(join(run.dir, file)).records) union.set(id, record);
      records.set(file, union);
      const writer = new PredictionsWriter(join(merged.dir, file), 0);
      for (const record of [...union.values()].sort(byId)) writer.append(record);
      writer.close();
    }

    const splits = new Map<string, string>();
    for (const run of runs) for (const [key, info] of Object.entries(this.deps.reporter.previous(run.dir)?.tasks ?? {})) splits.set(key, info.split);
    const pairs: PairRecords[] = files
      .filter((file) => !file.endsWith(JUDGE_SUFFIX))
      .flatMap((file) => {
        const taskKey = keyOfFile(basename(dirname(file)));
        const taskConfig = config.tasks[taskKey];
        if (!taskConfig) return [];
        const task = registry.task(taskConfig.use ?? taskKey, `tasks.${taskKey}`);
        const modelName = keyOfFile(basename(file, '.jsonl'));
        const grades = records.get(file.replace(/\.jsonl$/, JUDGE_SUFFIX));
        return [
          {
            taskKey,
            task,
            split: splits.get(taskKey) ?? taskConfig.split ?? task.splits.eval,
            modelName,
            records: withJudgements([...records.get(file)!.values()], grades),
          },
        ];
      });
    // In the config's order of tasks and models, as an unsharded run reports them.
    const order = (keys: string[], key: string) => (keys.includes(key) ? keys.indexOf(key) : keys.length);
    const taskKeys = Object.keys(config.tasks);
    const modelKeys = Object.keys(config.models);
    pairs.sort((a, b) => order(taskKeys, a.taskKey) - order(taskKeys, b.taskKey) || order(modelKeys, a.modelName) - order(modelKeys, b.modelName));
    const metrics = this.deps.reporter.write(
      merged.dir,
      {
        ...computeResults(pairs, (id) => registry.metric(id, 'task metric'), {
          runId: merged.id,
          now: new Date(this.deps.clock.now()),
          bootstrapSamples: config.bootstrap.samples,
          seed: config.seed,
        }),
        ...(problems.length ? { partial: problems } : {}),
      },
    );
    await merged.endSession(problems.length ? 'partial' : 'done', new Date(this.deps.clock.now()).toISOString());
    return { run: merged, metrics };
  }
}
