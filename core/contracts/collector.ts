import type { Observable } from 'rxjs';
import type { z } from 'zod';
import type { PluginContext } from './context.js';

export interface CollectorProgress {
  readonly phase: string;
  readonly done: number;
  readonly total?: number;
  readonly message?: string;
}

/** What a collector runs with: the plugin context and the state directory it owns (`--state`). */
export type CollectorContext = PluginContext & { readonly stateDir: string };

/**
 * Builds or refreshes a dataset from its source; `bench collect <id>` runs it. Exit codes come from what
 * `run()` ends with: completes (0), or an error: a `BenchError` carries its code (`UsageError` 2, one with
 * `EXIT.resumableStop` 3, `EXIT.interrupted` 130), any other error exits 1.
 */
export interface CollectorPlugin<Options = Record<string, unknown>> {
  readonly id: string;
  readonly description: string;
  /**
   * The command-line options of `bench collect <id>`, one flag per key (camelCase keys become kebab-case
   * flags; `.describe()` gives the help text, `.default()` the default). Keys may be strings, numbers,
   * booleans, enums or lists of strings or numbers. Every collector also gets `--state` (default `.bench/<id>`).
   * Optional, so adding it kept apiVersion 1 (an additive change).
   */
  readonly options?: z.ZodObject;
  /**
   * Owns its state directory; resumable from it. Emits progress; an event of phase `summary` carries the
   * text printed on stdout (the others go to stderr as progress lines). Receives the flags as given,
   * camelCased; validating them is the collector's job (its `options` schema does it).
   */
  run(options: Options, context: CollectorContext): Observable<CollectorProgress>;
}
