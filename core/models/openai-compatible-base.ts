import type { PluginContext } from '../contracts/context.js';
import type { ResolvedChatMessage } from '../contracts/messages.js';
import { ModelError, type GenerateRequest, type GenerateResult, type ModelInstance } from '../contracts/model.js';
import { parseRetryAfter } from '../scheduler/retry-policy.js';
import { connectProbe } from '../services/connect-probe.js';
import { networkCause } from '../services/network-cause.js';
import { didYouMean } from '../registry/close-matches.js';
import { stableJson } from '../util/stable-json.js';
import { INLINE_JSON, JsonBody } from './json-body.js';

export interface OpenAICompatibleSettings {
  /** The model name the server serves (`--served-model-name` of vLLM, the Ollama tag, ...). */
  readonly model: string;
  readonly apiKey?: string;
  /** Generation parameters merged into the request body (temperature, max_tokens, seed, ...). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** How long the preflight waits for a server's answer: a live server lists its models at once. */
const PREFLIGHT_TIMEOUT_MS = 10_000;

type OpenAIContent = string | Array<{ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }>;

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat;
}

/**
 * The shared base of HTTP model adapters speaking the OpenAI chat-completions API. Subclasses change
 * only the payload shape (`body`) and the response reading (`read`); timeouts, retries, concurrency
 * and caching are the core's, so `generate` makes exactly one attempt and classifies its failure.
 */
export class OpenAICompatibleModel implements ModelInstance {
  readonly needsImages: boolean = true;
  readonly identity: string;
  readonly deterministic: boolean;

  constructor(
    protected readonly settings: OpenAICompatibleSettings,
    protected readonly context: PluginContext,
  ) {
    this.identity = `openai-compatible:${settings.model}:${stableJson(settings.params)}`;
    this.deterministic = settings.params.temperature === 0 || settings.params.seed !== undefined;
  }

  /**
   * `json.base64(bytes)` stands for the base64 of image bytes in any string of the body; without
   * `json` (a subclass written before it existed) the base64 is inlined.
   */
  protected content(message: ResolvedChatMessage, json: JsonBody = INLINE_JSON): OpenAIContent {
    if (typeof message.content === 'string') return message.content;
    return message.content.map((part) =>
      part.type === 'text'
        ? { type: 'text' as const, text: part.text }
        : { type: 'image_url' as const, image_url: { url: `data:${part.mime};base64,${json.base64(part.data)}` } },
    );
  }

  protected body(request: GenerateRequest, json: JsonBody = INLINE_JSON): Record<string, unknown> {
    return {
      ...this.settings.params,
      model: this.settings.model,
      messages: request.messages.map((m) => ({ role: m.role, content: this.content(m, json) })),
    };
  }

  protected read(json: unknown): GenerateResult {
    const body = json as {
      choices?: Array<{ message?: { content?: unknown; reasoning_content?: unknown } }>;
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    const content = body?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new ModelError('response has no choices[0].message.content', { kind: 'malformed' });
    const usage = body.usage ? { promptTokens: body.usage.prompt_tokens, completionTokens: body.usage.completion_tokens } : undefined;
    return { text: content, usage };
  }

  /**
   * `path` appended to the endpoint's path; a query string of the endpoint (`?api_key=...`) stays at
   * the end, where servers read it.
   */
  protected url(endpoint: string, path = '/chat/completions'): string {
    const cut = endpoint.search(/[?#]/);
    const base = cut < 0 ? endpoint : endpoint.slice(0, cut);
    const query = cut < 0 ? '' : endpoint.slice(cut).replace(/#.*$/, '');
    return `${base.replace(/\/+$/, '')}${path}${query}`;
  }

  /** Where the preflight reads the served models; undefined for APIs without such a list. */
  protected modelsUrl(endpoint: string): string | undefined {
    return this.url(endpoint, '/models');
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { ...this.settings.headers };
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
    return headers;
  }

  /**
   * `GET /models`: the server is reachable, accepts the key, and lists the served model. A server
   * without that route (404, or no list in the answer) passes: its first request will tell. APIs
   * without a model list may not take a GET at all, so only a connection is opened to them.
   */
  async preflight(endpoint: string, options: { readonly signal: AbortSignal }): Promise<void> {
    const listUrl = this.modelsUrl(endpoint);
    if (!listUrl) {
      await connectProbe(endpoint, { signal: options.signal, timeoutMs: PREFLIGHT_TIMEOUT_MS }).catch((error: unknown) => {
        throw new Error(networkCause(error), { cause: error });
      });
      return;
    }
    let response;
    try {
      response = await this.context.http.get(listUrl, {
        headers: this.headers(),
        signal: options.signal,
        timeout: { request: PREFLIGHT_TIMEOUT_MS },
      });
    } catch (error) {
      throw new Error(networkCause(error), { cause: error });
    }
    const status = response.statusCode;
    if (status === 401 || status === 403) {
      throw new Error(`HTTP ${status} ${status === 401 ? 'unauthorized' : 'forbidden'}: the server refused the key (check apiKeyEnv or headers)`);
    }
    if (status !== 200) return;
    let ids: string[] | undefined;
    try {
      const data = (JSON.parse(response.body) as { data?: unknown }).data;
      if (Array.isArray(data)) ids = data.map((m: { id?: unknown }) => m?.id).filter((id): id is string => typeof id === 'string');
    } catch {
      return;
    }
    const wanted = this.settings.model;
    if (!ids?.length || ids.includes(wanted)) return;
    const hint = didYouMean(wanted, ids) || `; it serves ${ids.slice(0, 5).map((id) => `'${id}'`).join(', ')}${ids.length > 5 ? ', ...' : ''}`;
    throw new Error(`serves no model '${wanted}' (GET /models)${hint}`);
  }

  async generate(request: GenerateRequest, options: { readonly signal: AbortSignal }): Promise<GenerateResult> {
    if (!request.endpoint) throw new Error('openai-compatible models need an endpoint');
    const url = this.url(request.endpoint);
    const headers = this.headers();
    const payload = new JsonBody();
    const body = payload.serialise(this.body(request, payload));
    let response;
    try {
      response = await this.context.post({ url, body, headers, signal: options.signal });
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new ModelError(`${url}: ${code ?? (error as Error).message}`, { kind: 'network', cause: error });
    }
    if (response.status >= 400) {
      const retryAfter = response.headers['retry-after'];
      throw new ModelError(`${url} answered HTTP ${response.status}: ${snippet(response.body)}`, {
        kind: 'http',
        status: response.status,
        retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, Date.now()),
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw new ModelError(`${url} answered with malformed JSON: ${snippet(response.body)}`, { kind: 'malformed' });
    }
    return this.read(json);
  }
}
