import type { PluginContext } from './context.js';
import type { ResolvedChatMessage } from './messages.js';
import type { Sample } from './sample.js';
import type { TaskPlugin } from './task.js';

export interface TokenUsage {
  readonly promptTokens?: number;
  readonly completionTokens?: number;
}

export interface GenerateRequest {
  readonly messages: readonly ResolvedChatMessage[];
  readonly sample: Sample;
  readonly task: TaskPlugin;
  /** The endpoint the scheduler picked for this request (models without endpoints get `undefined`). */
  readonly endpoint?: string;
}

export interface GenerateResult {
  readonly text: string;
  readonly usage?: TokenUsage;
}

/** A configured model, ready to answer requests. */
export interface ModelInstance {
  /** Identity of what answers (served model name, baseline + seed): part of the request hash. */
  readonly identity: string;
  /** Whether the core must load images before calling `generate` (in-process baselines don't). */
  readonly needsImages: boolean;
  /**
   * Whether the same request always gets the same answer (temperature 0 or a fixed seed): only then
   * may the core answer it from the response cache shared across runs.
   */
  readonly deterministic?: boolean;
  generate(request: GenerateRequest, options: { readonly signal: AbortSignal }): Promise<GenerateResult>;
  /**
   * Checked once per endpoint before the first sample: that the server answers and would serve this
   * model (reachable, key accepted, served model name listed). Throws with the cause on one line
   * (`connection refused`, `HTTP 401 ...`, `serves no model 'x'; did you mean 'y'?`); the core names
   * the model and endpoint and stops the run with exit code 2.
   */
  preflight?(endpoint: string, options: { readonly signal: AbortSignal }): Promise<void>;
  /** Trainable baselines learn from the task's train split before evaluation. */
  fit?(train: AsyncIterable<Sample>, task: TaskPlugin): Promise<void>;
  /** Frees what the instance holds (worker threads, sockets); called once its task is finished. */
  close?(): Promise<void>;
}

export interface ModelPlugin<Options = Record<string, unknown>> {
  readonly id: string;
  readonly description: string;
  /** `required`: the config must give `endpoint` or `endpoints`, and the core spreads requests over them. */
  readonly endpoints: 'required' | 'none';
  /**
   * Whether the model can answer a task at all (e.g. a text classifier needs class labels): true, or
   * the reason it cannot. Pairs it cannot answer are left out of a run with that reason. Default: all.
   */
  supports?(task: TaskPlugin): true | string;
  /** Validates the plugin's own keys of `models.<name>` (core keys already removed). Throw to reject. */
  options(raw: Readonly<Record<string, unknown>>): Options;
  create(options: Options, context: PluginContext): ModelInstance;
  /**
   * Options that are valid but look wrong (an unknown generation parameter, probably a typo): one
   * line each, relative to the model's config entry (`params.temprature: ...`). The core prints
   * them once per model, before the run starts.
   */
  warnings?(options: Options): readonly string[];
}

/**
 * What a model adapter throws when a call fails. The core's retry policy reads `kind` and `status`;
 * adapters never retry themselves.
 */
export class ModelError extends Error {
  readonly kind: 'http' | 'network' | 'timeout' | 'malformed';
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    details: { kind: ModelError['kind']; status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: details.cause });
    this.name = 'ModelError';
    this.kind = details.kind;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}
