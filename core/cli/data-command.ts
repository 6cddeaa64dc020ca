import { dataPullOptions, makeDataPullCommand, type PullArgs } from '../data/pull-command.js';
import { TOKENS } from '../tokens.js';
import type { CommandFactory } from './main.js';

export const dataCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .command({
        ...dataPullOptions,
        handler: async (argv: PullArgs & { debug?: boolean }) => {
          // The pull runs on the container's environment, clock and streams, so tests swap them as for `bench run`.
          const container = env.container(Boolean(argv.debug));
          const stderr = container.get(TOKENS.Stderr);
          const pull = makeDataPullCommand({
            env: container.get(TOKENS.Env),
            clock: container.get(TOKENS.Clock),
            stdout: container.get(TOKENS.Output),
            stderr: { isTTY: Boolean(stderr.isTTY), write: (text) => void stderr.write(text) },
            cwd: () => process.cwd(),
          });
          env.exitCode = await pull.handler(argv);
        },
      })
      .demandCommand(1),
  handler: async () => {},
});
