import type { PluginContext } from '../contracts/context.js';
import type { ResolvedChatMessage } from '../contracts/messages.js';
import { ModelError, type GenerateRequest, type GenerateResult, type ModelInstance } from '../contracts/model.js';
import { parseRetryAfter } from '../scheduler/retry-policy.js';
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

  protected url(endpoint: string): string {
    return `${endpoint.replace(/\/+$/, '')}/chat/completions`;
  }

  async generate(request: GenerateRequest, options: { readonly signal: AbortSignal }): Promise<GenerateResult> {
    if (!request.endpoint) throw new Error('openai-compatible models need an endpoint');
    const url = this.url(request.endpoint);
    const headers: Record<string, string> = { ...this.settings.headers };
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
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
