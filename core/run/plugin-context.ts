import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Got } from 'got';
import type { Logger, PluginContext } from '../contracts/context.js';
import type { Clock } from '../services/clock.js';
import { createGetWithRetries } from '../services/retrying-get.js';
import type { Env } from '../services/env.js';
import type { Transport } from '../services/transport.js';
import type { Redactor } from '../util/redact.js';

/** The XDG cache folder of mmsoc-bench (shared by runs and plugins). */
export function cacheRoot(env: Env): string {
  return join(env.get('XDG_CACHE_HOME') || join(homedir(), '.cache'), 'mmsoc-bench');
}

export function createPluginContext(deps: {
  logger: Logger;
  http: Got;
  transport: Transport;
  env: Env;
  redactor: Redactor;
  signal: AbortSignal;
  clock: Clock;
}): PluginContext {
  return {
    logger: deps.logger,
    http: deps.http,
    post: deps.transport,
    cacheDir: join(cacheRoot(deps.env), 'plugins'),
    signal: deps.signal,
    env: (name) => deps.env.get(name),
    secret: (name) => {
      const value = deps.env.get(name);
      deps.redactor.add(value);
      return value;
    },
    redact: (text) => deps.redactor.redact(text),
    clock: deps.clock,
    getWithRetries: createGetWithRetries(deps.http, deps.clock, deps.signal),
  };
}
