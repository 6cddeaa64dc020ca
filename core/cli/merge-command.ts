import { TOKENS } from '../tokens.js';
import type { CommandFactory } from './main.js';

export const mergeCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .positional('runs', { type: 'string', array: true, describe: 'Run folders to join' })
      .option('out', { type: 'string', describe: 'Folder to create the merged run in (default: beside the first run)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print metrics.json instead of the tables' })
      .option('allow-partial', {
        type: 'boolean',
        default: false,
        describe: 'Merge even when shards are missing, repeated or unfinished (the merged run is marked partial)',
      }),
  handler: async (argv: { runs: string[]; out?: string; json: boolean; debug: boolean; allowPartial: boolean }) => {
    const container = env.container(argv.debug);
    const { run, metrics } = await container.get(TOKENS.Merger).merge(argv.runs, argv.out, { allowPartial: argv.allowPartial });
    const output = container.get(TOKENS.Output);
    const logger = container.get(TOKENS.Logger);
    if (metrics.partial) logger.warn(`merged run is partial: ${metrics.partial.join('; ')}`);
    output(argv.json ? JSON.stringify(metrics, null, 2) + '\n' : container.get(TOKENS.Reporter).render(metrics) + '\n');
    // With --json stdout is one JSON document; the run folder goes with the logs.
    if (argv.json) logger.info(`run folder: ${run.dir}`);
    else output(`${run.dir}\n`);
  },
});
