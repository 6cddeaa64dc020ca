import { dataPullCommand } from '../data/pull-command.js';
import type { CommandFactory } from './main.js';

export const dataCommand: CommandFactory = (env) => ({
  command: 'data <command>',
  describe: 'Fetch benchmark datasets from the Hugging Face Hub',
  builder: (y) =>
    y
      .command({
        ...dataPullCommand,
        handler: async (argv: Parameters<typeof dataPullCommand.handler>[0]) => {
          env.exitCode = await dataPullCommand.handler(argv);
        },
      })
      .demandCommand(1),
  handler: async () => {},
});
