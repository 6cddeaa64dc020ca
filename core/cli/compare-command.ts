import { TOKENS } from '../tokens.js';
import { UsageError } from '../errors.js';
import { compareRuns, renderComparison } from '../report/compare.js';
import { runPlugins } from '../report/run-registry.js';
import type { CommandFactory } from './main.js';

export const compareCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .positional('a', { type: 'string', describe: 'Baseline run folder' })
      .positional('b', { type: 'string', describe: 'Run folder compared with it' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the comparison as JSON' }),
  handler: async (argv: { a: string; b: string; json: boolean; debug: boolean }) => {
    const container = env.container(argv.debug);
    const reporter = container.get(TOKENS.Reporter);
    const runStore = container.get(TOKENS.RunStore);
    const open = async (dir: string) => {
      const metrics = reporter.read(dir);
      const run = await runStore.existing(dir);
      if (!run) throw new UsageError(`${dir}: no manifest.json (is it a run folder? bench run prints one on its last line)`);
      return { metrics, run };
    };
    const a = await open(argv.a);
    const b = await open(argv.b);
    // Metrics and class labels come from B's plugins: B is the run being judged against A.
    const { registry } = await runPlugins(b.run.manifest.data, container.get(TOKENS.PluginLoader)).catch((error: unknown) => {
      throw new UsageError(`${argv.b}: cannot load the run's plugins: ${error instanceof Error ? error.message : String(error)}`);
    });
    const comparison = compareRuns(
      { metrics: a.metrics, files: a.run },
      { metrics: b.metrics, files: b.run },
      { metric: (id) => registry.metric(id, 'task metric'), labels: (task) => registry.task(task).labels, bootstrap: b.metrics.bootstrap },
    );
    container.get(TOKENS.Output)(argv.json ? JSON.stringify(comparison, null, 2) + '\n' : renderComparison(comparison));
  },
});
