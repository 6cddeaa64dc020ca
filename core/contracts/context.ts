import type { Got } from 'got';
import type { Clock } from '../services/clock.js';

export type { Clock };

/** A model server's answer, read whole. */
export interface PostResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The last answer of a retried GET (any status), or the error of its last attempt. `retryable`: the last
 * failure was one worth trying again later (an error, 408, 429, 5xx), so the attempts ran out on it.
 */
export type RetriedAnswer =
  | { readonly status: number; readonly body: Uint8Array; readonly attempts: number; readonly retryable: boolean }
  | { readonly error: string; readonly attempts: number; readonly retryable: true };

/**
 * A GET retried on network errors, timeouts, 408, 429 and 5xx, at most `maxAttempts` times in all, waiting
 * `delayMs(retry)` (0-based) on the context's clock between attempts; rejects when `signal` (default: the
 * run's) aborts during a wait.
 */
export type GetWithRetries = (
  url: string,
  options: { readonly maxAttempts: number; readonly timeoutMs: number; readonly delayMs: (retry: number) => number; readonly signal?: AbortSignal },
) => Promise<RetriedAnswer>;

/**
 * What the core hands a plugin. Plugins never see the DI container; everything they may use is here.
 */
export interface PluginContext {
  readonly logger: Logger;
  /** General HTTP client (keep-alive agents, no built-in retries: the core retries). */
  readonly http: Got;
  /**
   * The lean client for requests to model servers (pooled keep-alive connections, no retries of its
   * own): one POST of a serialised body (text, or bytes already encoded), the whole answer back.
   * Model adapters use this.
   */
  post(request: { url: string; body: string | Uint8Array; headers?: Readonly<Record<string, string>>; signal: AbortSignal }): Promise<PostResponse>;
  /** A directory the plugin may use for its own cache files. */
  readonly cacheDir: string;
  /** Aborted when the run is interrupted. */
  readonly signal: AbortSignal;
  /** Reads an environment variable (tests swap the environment through this). */
  env(name: string): string | undefined;
  /** Reads an environment variable holding a secret and masks its value in every later output. */
  secret(name: string): string | undefined;
  /**
   * Masks in `text` every secret read through `secret()` and keys in URLs (`?key=`, bearer tokens), for
   * messages a plugin builds itself (the core masks its own output anyway). Added in apiVersion 1 (additive).
   */
  redact(text: string): string;
  /** Time and waits (tests move it by hand, e.g. across a quota day). Added in apiVersion 1 (additive). */
  readonly clock: Clock;
  /** Downloads with retries (collectors fetching files); see GetWithRetries. Added in apiVersion 1 (additive). */
  readonly getWithRetries: GetWithRetries;
}
