import type { Container } from 'inversify';
import yargs, { type Argv } from 'yargs';
import { EXIT, UsageError } from '../errors.js';
import { ownVersion } from '../registry/locate.js';
import { TOKENS } from '../tokens.js';
import { Redactor } from '../util/redact.js';
import { COMMANDS, commandName } from './commands.js';
import { reportError } from './errors.js';
import { skipHelpCache } from './help-cache.js';

/** What every command handler gets: the container to resolve services from, and how to end. */
export interface CommandEnvironment {
  readonly container: (debug: boolean) => Container;
  /** The command line as given (recorded in run manifests). */
  readonly args: readonly string[];
  /** Set by the handler; the CLI entry exits with it. */
  exitCode: number;
}

/** A top-level command's options and handler; its name and description are in commands.ts. */
export type CommandFactory = (env: CommandEnvironment) => {
  builder: (y: Argv) => Argv<any>;
  handler: (argv: any) => Promise<void>;
};

export type ContainerFactory = (debug: boolean) => Container;

/** The production container, imported only when a command runs (it loads the evaluation stack). */
async function defaultContainerFactory(): Promise<ContainerFactory> {
  const { createContainer } = await import('../container.js');
  return (debug) => createContainer({ logLevel: debug ? 'debug' : 'info' });
}

/**
 * yargs turns an option given twice (`-c a -c b`) into an array, which a command expecting one value
 * would misread: it is a usage error unless the option takes a list.
 */
function rejectRepeatedOptions(argv: Record<string, unknown>, lists: ReadonlySet<string>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || key.length === 1 || !Array.isArray(value) || lists.has(key)) continue;
    throw new UsageError(`--${key} given ${value.length} times (${value.map(String).join(', ')}); give it once`);
  }
}

/**
 * Parses the command line and runs one command. Returns the process exit code; never exits itself,
 * so tests can call it in-process with their own container. Only the command being run is loaded;
 * the others are listed for --help by name and description.
 */
export async function runCli(args: readonly string[], makeContainer?: ContainerFactory): Promise<number> {
  const invoked = COMMANDS.find((entry) => commandName(entry) === args.find((arg) => !arg.startsWith('-')));
  const debug = args.includes('--debug');
  const containers = new Map<boolean, Container>();
  let factory = makeContainer;
  const env: CommandEnvironment = {
    container: (wanted) => {
      if (!factory) throw new Error('no container factory: a command ran without being loaded');
      if (!containers.has(wanted)) containers.set(wanted, factory(wanted));
      return containers.get(wanted)!;
    },
    args,
    exitCode: EXIT.done,
  };
  // Keys of the environment are masked even in errors raised before any service was made. Once a
  // command is loaded, its error line goes to the container's stderr (a test's buffer) like its logs.
  const reportTo = () => {
    const container = factory ? env.container(debug) : undefined;
    if (!container) return { redactor: new Redactor() };
    const stderr = container.get(TOKENS.Stderr);
    return { redactor: container.get(TOKENS.Redactor), write: (line: string) => void stderr.write(line + '\n') };
  };
  try {
    const parser = yargs([...args])
      .scriptName('bench')
      .usage('$0 <command> [options]\n\nEvaluate multimodal LLMs on the MM-Soc social-media benchmark.')
      .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces and debug logs' });
    for (const entry of COMMANDS) {
      if (entry === invoked) {
        factory ??= await defaultContainerFactory();
        parser.command({ command: entry.command, describe: entry.describe, ...(await entry.load())(env) });
      } else {
        parser.command({ command: entry.command, describe: entry.describe, builder: (y: Argv) => y, handler: async () => {} });
      }
    }
    skipHelpCache(parser);
    await parser
      // yargs passes the parsed options' declarations (its types call them aliases).
      .check((argv, options) => {
        rejectRepeatedOptions(argv, new Set((options as unknown as { array: string[] }).array));
        return true;
      })
      .demandCommand(1, 'Name a command: bench run, bench list, ...')
      .recommendCommands()
      .strict()
      .help()
      .alias('h', 'help')
      .version(ownVersion())
      .wrap(Math.min(110, process.stdout.columns || 100))
      .exitProcess(false)
      .fail((message, error) => {
        // yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."): keep them on one.
        throw error ?? new UsageError(message.replace(/\s*\n\s*/g, ' '));
      })
      .parseAsync();
  } catch (error) {
    return reportError(error, { debug, ...reportTo() });
  }
  return env.exitCode;
}
