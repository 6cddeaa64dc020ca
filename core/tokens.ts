import type { Container, ServiceIdentifier } from 'inversify';
import type { Got } from 'got';
import type { LoadedConfig } from './config/load.js';
import type { Logger } from './contracts/context.js';
import type { ImagePreparer } from './images/image-preparer.js';
import type { ProgressFactory } from './pipeline/progress.js';
import type { Reporter } from './report/reporter.js';
import type { Evaluator } from './run/evaluator.js';
import type { RunMerger } from './run/merge-runs.js';
import type { Scheduler } from './scheduler/scheduler.js';
import type { Clock } from './services/clock.js';
import type { Env } from './services/env.js';
import type { Transport } from './services/transport.js';
import type { RunStore } from './store/run-store.js';
import type { Redactor } from './util/redact.js';
import type { PluginLoader } from './registry/plugin-loader.js';

/**
 * The container's tokens, in a module of their own so that commands can name services without
 * importing the container (and everything it binds) until they run: this module holds only symbols
 * at run time. Explicit tokens: the TS loaders used at run time emit no decorator metadata.
 */

declare const serviceType: unique symbol;

/** A token that carries its service's type: `container.get(TOKENS.Clock)` is a Clock, with no type argument. */
export type Token<T> = ServiceIdentifier<T> & symbol & { readonly [serviceType]?: T };

function token<T>(name: string): Token<T> {
  return Symbol.for(`mmsoc.${name}`) as Token<T>;
}

/** Where results go (stdout by default); tests bind a buffer. */
export type Output = (text: string) => void;

/** Where logs, progress and error lines go (stderr by default, so stdout keeps the results); tests bind a buffer. */
export type ErrorStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

export const TOKENS = {
  Clock: token<Clock>('Clock'),
  Logger: token<Logger>('Logger'),
  Http: token<Got>('Http'),
  Env: token<Env>('Env'),
  Redactor: token<Redactor>('Redactor'),
  RunStore: token<RunStore>('RunStore'),
  Progress: token<ProgressFactory>('Progress'),
  Output: token<Output>('Output'),
  Stderr: token<ErrorStream>('Stderr'),
  ConfigLoader: token<(path: string) => Promise<LoadedConfig>>('ConfigLoader'),
  PluginLoader: token<PluginLoader>('PluginLoader'),
  Scheduler: token<Scheduler>('Scheduler'),
  Reporter: token<Reporter>('Reporter'),
  Images: token<ImagePreparer>('Images'),
  Transport: token<Transport>('Transport'),
  Merger: token<RunMerger>('Merger'),
  Evaluator: token<Evaluator>('Evaluator'),
} as const;

/** A service's dependencies: the name it knows each by, and the token the container resolves it from. */
export type Dependencies = Readonly<Record<string, Token<unknown>>>;

/** The services a `Dependencies` list names, by the same names and with the tokens' types. */
export type ServicesOf<D extends Dependencies> = { readonly [K in keyof D]: D[K] extends Token<infer T> ? T : never };

/** Resolves every service a dependency list names. */
export function resolveServices<D extends Dependencies>(container: Container, dependencies: D): ServicesOf<D> {
  return Object.fromEntries(Object.entries(dependencies).map(([name, id]) => [name, container.get(id)])) as ServicesOf<D>;
}
