import type { Container } from 'inversify';
import yargs, { type Argv } from 'yargs';
import { createContainer, TOKENS } from '../container.js';
import { EXIT, UsageError } from '../errors.js';
import type { Redactor } from '../util/redact.js';
import { reportError } from './errors.js';
import { listCommand } from './list-command.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { compareCommand } from './compare-command.js';
import { runCommand } from './run-command.js';
import { dataCommand } from './data-command.js';
import { collectCommand } from './collect-command.js';
import { pluginsCommand } from './plugins-command.js';
import { exportCommand } from './export-command.js';
import { selfimproveCommand } from './selfimprove-command.js';

/** What every command handler gets: the container to resolve services from, and how to end. */
export interface CommandEnvironment {
  readonly container: (debug: boolean) => Container;
  /** The command line as given (recorded in run manifests). */
  readonly args: readonly string[];
  /** Set by the handler; the CLI entry exits with it. */
  exitCode: number;
}

export type CommandFactory = (env: CommandEnvironment) => {
  command: string | string[];
  describe: string;
  builder: (y: Argv) => Argv<any>;
  handler: (argv: any) => Promise<void>;
};

/**
 * Parses the command line and runs one command. Returns the process exit code; never exits itself,
 * so tests can call it in-process with their own container.
 */
export async function runCli(args: readonly string[], makeContainer: (debug: boolean) => Container = (debug) => createContainer({ logLevel: debug ? 'debug' : 'info' })): Promise<number> {
  const containers = new Map<boolean, Container>();
  const env: CommandEnvironment = {
    container: (debug) => {
      if (!containers.has(debug)) containers.set(debug, makeContainer(debug));
      return containers.get(debug)!;
    },
    args,
    exitCode: EXIT.done,
  };
  const debug = args.includes('--debug');
  const redactor = () => env.container(debug).get<Redactor>(TOKENS.Redactor);
  const parser = yargs([...args])
    .scriptName('bench')
    .usage('$0 <command> [options]\n\nEvaluate multimodal LLMs on the MM-Soc social-media benchmark.')
    .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces and debug logs' })
    .command(runCommand(env))
    .command(listCommand(env))
    .command(reportCommand(env))
    .command(compareCommand(env))
    .command(mergeCommand(env))
    .command(dataCommand(env))
    .command(collectCommand(env))
    .command(pluginsCommand(env))
    .command(exportCommand(env))
    .command(selfimproveCommand(env))
    .demandCommand(1, 'Name a command: bench run, bench list, ...')
    .recommendCommands()
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    return reportError(error, { debug, redactor: redactor() });
  }
  return env.exitCode;
}
