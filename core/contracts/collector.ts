import type { Observable } from 'rxjs';
import type { PluginContext } from './context.js';

export interface CollectorProgress {
  readonly phase: string;
  readonly done: number;
  readonly total?: number;
  readonly message?: string;
}

export interface CollectorPlugin<Options = Record<string, unknown>> {
  readonly id: string;
  readonly description: string;
  /** Owns its state directory; resumable from it. */
  run(options: Options, context: PluginContext & { readonly stateDir: string }): Observable<CollectorProgress>;
}
