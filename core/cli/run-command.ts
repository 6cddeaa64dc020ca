import { TOKENS } from '../tokens.js';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { UsageError } from '../errors.js';
import { parseShard } from '../pipeline/shard.js';
import { interruptOnSignals } from './interrupt.js';
import type { CommandFactory } from './main.js';

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

export const runCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .option('config', { alias: 'c', type: 'string', default: DEFAULT_CONFIG_FILE, describe: 'Config file' })
      .option('tasks', { type: 'string', describe: 'Comma-separated task keys of the config to run (default: all)' })
      .option('models', { type: 'string', describe: 'Comma-separated model keys of the config to run (default: all)' })
      .option('limit', { type: 'number', describe: 'Evaluate the first N samples of each task' })
      .option('sample', { type: 'number', describe: 'Evaluate N samples of each task drawn at random (deterministic for --seed)' })
      .option('seed', { type: 'number', describe: "Seed of --sample (default: the config's seed)" })
      .option('split', { type: 'string', describe: 'Dataset split to evaluate (default: each task\'s evaluation split)' })
      .option('fresh', { type: 'boolean', default: false, describe: 'Start a new run instead of resuming' })
      .option('out', { type: 'string', describe: 'Output folder for runs (default: the config\'s `output`)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print metrics.json instead of the tables' })
      .option('shard', { type: 'string', describe: 'Evaluate one part of every split, i/n (0 <= i < n), by sample-id hash; join the parts with bench merge' })
      .option('cache', { type: 'boolean', default: true, describe: 'Answer deterministic requests from the response cache shared across runs (--no-cache: always ask)' }),
  handler: async (argv: { config: string; tasks?: string; models?: string; limit?: number; sample?: number; seed?: number; split?: string; fresh: boolean; out?: string; json: boolean; cache: boolean; shard?: string; debug: boolean }) => {
    for (const [flag, value] of [['--limit', argv.limit], ['--sample', argv.sample]] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new UsageError(`${flag}: expected a positive whole number, got ${String(value)}`);
    }
    if (argv.seed !== undefined && !Number.isInteger(argv.seed)) throw new UsageError(`--seed: expected a whole number, got ${String(argv.seed)}`);
    const container = env.container(argv.debug);
    const evaluator = container.get(TOKENS.Evaluator);
    const interrupt = interruptOnSignals(container.get(TOKENS.Logger));
    try {
      const outcome = await evaluator.run(
        {
          configPath: argv.config,
          selection: {
            tasks: list(argv.tasks),
            models: list(argv.models),
            limit: argv.limit,
            sample: argv.sample,
            seed: argv.seed,
            split: argv.split,
            ...(argv.shard !== undefined ? { shard: parseShard(argv.shard) } : {}),
          },
          fresh: argv.fresh,
          out: argv.out,
          argv: env.args,
          json: argv.json,
          cache: argv.cache,
        },
        interrupt.signal,
      );
      env.exitCode = outcome.exitCode;
    } finally {
      interrupt.dispose();
    }
  },
});
