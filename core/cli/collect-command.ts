import { collectYoutubeCommand, createCollectYoutubeCommand, type CollectYoutubeArgs } from '../../collectors/youtube/command.js';
import { TOKENS } from '../tokens.js';
import type { CommandFactory } from './main.js';

export const collectCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .command({
        command: collectYoutubeCommand.command,
        describe: collectYoutubeCommand.describe,
        builder: collectYoutubeCommand.builder,
        handler: async (argv: CollectYoutubeArgs) => {
          // The collector runs on the container's services, so tests swap them as for `bench run`.
          const container = env.container(Boolean(argv.debug));
          const stderr = container.get(TOKENS.Stderr);
          const command = createCollectYoutubeCommand({
            env: container.get(TOKENS.Env),
            clock: container.get(TOKENS.Clock),
            http: container.get(TOKENS.Http),
            stdout: container.get(TOKENS.Output),
            stderr: (text) => stderr.write(text),
          });
          env.exitCode = await command.handler(argv);
        },
      })
      .demandCommand(1),
  handler: async () => {},
});
