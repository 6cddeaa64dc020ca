import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Got } from 'got';
import { lastValueFrom, tap } from 'rxjs';
import type { Argv } from 'yargs';
import type { Container } from 'inversify';
import { Parser } from 'yargs/helpers';
import type { CollectorPlugin, CollectorProgress } from '../contracts/collector.js';
import type { Logger } from '../contracts/context.js';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { EXIT } from '../errors.js';
import { createPluginContext } from '../run/plugin-context.js';
import type { Clock } from '../services/clock.js';
import type { Env } from '../services/env.js';
import type { Transport } from '../services/transport.js';
import { TOKENS } from '../tokens.js';
import type { Redactor } from '../util/redact.js';
import { collectorFlags } from './collector-flags.js';
import { reportError } from './errors.js';
import { interruptOnSignals } from './interrupt.js';
import type { CommandFactory } from './main.js';

/** `bench collect <id>`: one subcommand per registered collector, with the flags its options schema declares. */
export const collectCommand: CommandFactory = (env) => ({
  builder: (async (y: Argv) => {
    const debug = env.args.includes('--debug');
    const container = env.container(debug);
    // The collectors must be known before the arguments are parsed: read --config ahead of yargs.
    const { config } = Parser(env.args.slice(), { string: ['config'], alias: { config: ['c'] } });
    const configPath = config ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
    // The container's loader registers the config's secrets with the redactor.
    const loaded = configPath ? await container.get(TOKENS.ConfigLoader)(configPath) : undefined;
    const registry = await container.get(TOKENS.PluginLoader).load(loaded?.config.plugins ?? [], loaded?.dir ?? resolve('.'));
    const deps = collectDeps(container);
    const { logger } = deps;
    for (const problem of registry.problems) logger.warn(problem);
    const collectors = registry.list('collector').map((entry) => registry.collector(entry.id));
    const runnable: string[] = [];
    for (const collector of collectors) {
      let command: ReturnType<typeof collectorCommand>;
      try {
        command = collectorCommand(collector, deps);
      } catch (error) {
        // A collector whose options make no flags is reported; the others still run.
        logger.warn((error as Error).message);
        continue;
      }
      runnable.push(collector.id);
      y.command({ ...command, handler: async (argv) => void (env.exitCode = await command.handler(argv)) });
    }
    return y
      .option('config', { alias: 'c', type: 'string', describe: `Config whose plugins to include (default: ${DEFAULT_CONFIG_FILE} if present)` })
      .demandCommand(1, `Name a registered collector: ${runnable.join(', ') || 'none is'} (bench list collectors)`);
    // yargs awaits a builder's promise under parseAsync (runCli uses it); its types name only the synchronous kind.
  }) as unknown as (y: Argv) => Argv,
  handler: async () => {},
});

export interface CollectDeps {
  readonly env: Env;
  readonly clock: Clock;
  readonly http: Got;
  readonly transport: Transport;
  /** Holds the secrets of the config and of the collector's `context.secret` calls. */
  readonly redactor: Redactor;
  readonly logger: Logger;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Least milliseconds between two progress lines. */
  readonly progressEveryMs?: number;
}

/** The container's services a collector command runs on (tests rebind them as for `bench run`). */
export function collectDeps(container: Container): CollectDeps {
  const stderr = container.get(TOKENS.Stderr);
  return {
    env: container.get(TOKENS.Env),
    clock: container.get(TOKENS.Clock),
    http: container.get(TOKENS.Http),
    transport: container.get(TOKENS.Transport),
    redactor: container.get(TOKENS.Redactor),
    logger: container.get(TOKENS.Logger),
    stdout: container.get(TOKENS.Output),
    stderr: (text) => void stderr.write(text),
  };
}

/**
 * One collector as a command. The handler returns the exit code: 0 when the collector completes, else the
 * code of the error it ends with (docs/architecture.md: the CLI is where errors become exit codes). Progress
 * goes to stderr, the summary to stdout, an error as one redacted line.
 */
export function collectorCommand(collector: CollectorPlugin<any>, deps: CollectDeps) {
  const flags = collectorFlags(collector);
  return {
    command: collector.id,
    describe: collector.description,
    builder: (y: Argv) => y.options(flags),
    handler: async (argv: Readonly<Record<string, unknown>>): Promise<number> => {
      const debug = Boolean(argv['debug']);
      const { logger, redactor } = deps;
      const write = (line: string) => deps.stderr(line + '\n');
      const interrupt = interruptOnSignals(logger);
      const context = {
        ...createPluginContext({ logger, http: deps.http, transport: deps.transport, env: deps.env, redactor, signal: interrupt.signal, clock: deps.clock }),
        stateDir: String(argv['state']),
      };
      const print = progressPrinter(deps, redactor);
      try {
        await lastValueFrom(collector.run(optionsOf(collector, argv), context).pipe(tap((p) => print(p))), { defaultValue: undefined });
        return EXIT.done;
      } catch (error) {
        return reportError(error, { debug, redactor, write });
      } finally {
        interrupt.dispose();
      }
    },
  };
}

/** The collector's own options, camelCased as its schema names them (yargs gives both spellings). */
function optionsOf(collector: CollectorPlugin<any>, argv: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(collector.options?.shape ?? {}).flatMap((key) => (argv[key] === undefined ? [] : [[key, argv[key]]])));
}

/**
 * Summary to stdout; progress to stderr, at most one line every `progressEveryMs` whatever its phase (a crawl
 * alternates phases on every call, so a limit per phase would print a line per call).
 */
function progressPrinter(deps: CollectDeps, redactor: Redactor): (p: CollectorProgress) => void {
  const every = deps.progressEveryMs ?? 1_000;
  let lastAt: number | undefined;
  return (p) => {
    if (p.phase === 'summary') {
      if (p.message) deps.stdout(redactor.redact(p.message) + '\n');
      return;
    }
    const now = deps.clock.now();
    if (lastAt !== undefined && now - lastAt < every) return;
    lastAt = now;
    const count = `${p.done}${p.total === undefined ? '' : `/${p.total}`}`;
    deps.stderr(redactor.redact(`${p.phase} ${count}${p.message ? `, ${p.message}` : ''}`) + '\n');
  };
}
