import type { Got } from 'got';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * What the core hands a plugin. Plugins never see the DI container; everything they may use is here.
 */
export interface PluginContext {
  readonly logger: Logger;
  /** Shared HTTP client (keep-alive agents, no built-in retries: the core retries). */
  readonly http: Got;
  /** A directory the plugin may use for its own cache files. */
  readonly cacheDir: string;
  /** Aborted when the run is interrupted. */
  readonly signal: AbortSignal;
  /** Reads an environment variable (tests swap the environment through this). */
  env(name: string): string | undefined;
  /** Reads an environment variable holding a secret and masks its value in every later output. */
  secret(name: string): string | undefined;
}
