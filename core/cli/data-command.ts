import { dataPullCommand } from '../data/pull-command.js';
import type { CommandFactory } from './main.js';

export const dataCommand: CommandFactory = (env) => ({
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
