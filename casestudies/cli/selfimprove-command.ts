import { caseStudyServices } from '../project.js';
import { SelfImprover } from '../self-improver.js';
import { DEFAULT_CONFIG_FILE } from '../../core/config/load.js';
import { UsageError } from '../../core/errors.js';
import { interruptOnSignals } from '../../core/cli/interrupt.js';
import type { CommandFactory } from '../../core/cli/main.js';

interface SelfImproveArgs {
  config: string;
  task: string;
  model: string;
  rounds: number;
  limit?: number;
  split?: string;
  fresh: boolean;
  out?: string;
  cache: boolean;
  debug: boolean;
}

export const selfimproveCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .option('config', { alias: 'c', type: 'string', default: DEFAULT_CONFIG_FILE, describe: 'Config file' })
      .option('task', { type: 'string', demandOption: true, describe: 'Task key of the config (a classification task)' })
      .option('model', { type: 'string', demandOption: true, describe: 'Model key of the config' })
      .option('rounds', { type: 'number', default: 3, describe: 'Reconsider rounds after round 0' })
      .option('limit', { type: 'number', describe: 'Use the first N samples of the split' })
      .option('split', { type: 'string', describe: "Dataset split (default: the task's evaluation split)" })
      .option('fresh', { type: 'boolean', default: false, describe: 'Start a new run instead of resuming' })
      .option('out', { type: 'string', describe: "Output folder for runs (default: the config's `output`)" })
      .option('cache', { type: 'boolean', default: true, describe: 'Answer deterministic requests from the response cache shared across runs' }),
  handler: async (argv: SelfImproveArgs) => {
    for (const [flag, value] of [['--rounds', argv.rounds], ['--limit', argv.limit]] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new UsageError(`${flag}: expected a positive whole number, got ${String(value)}`);
    }
    const services = caseStudyServices(env.container(argv.debug));
    const improver = new SelfImprover(services);
    const interrupt = interruptOnSignals(services.logger);
    const outcome = await improver.run(
      {
        configPath: argv.config,
        task: argv.task,
        model: argv.model,
        rounds: argv.rounds,
        limit: argv.limit,
        split: argv.split,
        fresh: argv.fresh,
        out: argv.out,
        cache: argv.cache,
        argv: env.args,
      },
      interrupt.signal,
    ).finally(() => interrupt.dispose());
    env.exitCode = outcome.exitCode;
  },
});
