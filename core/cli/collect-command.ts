import { collectYoutubeCommand } from '../../collectors/youtube/command.js';
import type { CommandFactory } from './main.js';

export const collectCommand: CommandFactory = (env) => ({
  command: 'collect <source>',
  describe: 'Build and refresh datasets from their sources (youtube: the tagging dataset)',
  builder: (y) =>
    y
      .command({
        ...collectYoutubeCommand,
        handler: async (argv: Parameters<typeof collectYoutubeCommand.handler>[0]) => {
          env.exitCode = await collectYoutubeCommand.handler(argv);
        },
      })
      .demandCommand(1),
  handler: async () => {},
});
