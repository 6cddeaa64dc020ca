import {
  ModelError,
  OpenAICompatibleModel,
  z,
  type GenerateRequest,
  type GenerateResult,
  type JsonBody,
  type ModelPlugin,
  type ResolvedContentPart,
} from 'mmsoc-bench';

/**
 * A model behind any HTTP JSON API (TGI's native /generate, a custom Flask server, ...): the request
 * body is a template whose string values may hold placeholders, and the answer is read at a path of
 * the response JSON. It runs on the same scheduler as every model (slots, retries, cache).
 *
 * Placeholders in string values of `body`: `{{prompt}}` (the text parts, joined by new lines),
 * `{{image}}` (the first image, base64), `{{image_mime}}`, `{{image_data_url}}`, `{{model}}`.
 * A value that is exactly `{{images}}` becomes the array of every image, base64.
 */
const optionsSchema = z.strictObject({
  /** Name sent as `{{model}}` and part of the cache identity. */
  model: z.string().min(1).default('http'),
  /** Appended to the endpoint URL, e.g. `/generate`. */
  path: z.string().default(''),
  body: z.unknown(),
  /** Dot path of the answer text in the response, e.g. `generated_text` or `outputs.0.text`. */
  responsePath: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  apiKeyEnv: z.string().min(1).optional(),
  /** Whether the same body always gets the same answer (e.g. greedy decoding): then it may be cached. */
  deterministic: z.boolean().default(false),
});
type Options = z.output<typeof optionsSchema>;

function pathValue(json: unknown, path: string): unknown {
  let current = json;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function parts(request: GenerateRequest): ResolvedContentPart[] {
  return request.messages.flatMap((m) => (typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : [...m.content]));
}

function fill(template: unknown, values: Record<string, string>, images: string[]): unknown {
  if (template === '{{images}}') return images;
  if (typeof template === 'string') return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  if (Array.isArray(template)) return template.map((item) => fill(item, values, images));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fill(value, values, images)]));
  }
  return template;
}

class HttpTemplateModel extends OpenAICompatibleModel {
  override readonly deterministic: boolean;

  constructor(
    private readonly options: Options,
    apiKey: string | undefined,
    context: ConstructorParameters<typeof OpenAICompatibleModel>[1],
  ) {
    super({ model: options.model, apiKey, params: { body: options.body, path: options.path }, headers: options.headers }, context);
    this.deterministic = options.deterministic;
  }

  protected override url(endpoint: string, path = this.options.path): string {
    return super.url(endpoint, path);
  }

  /** Any JSON API: no model list to read, and maybe no GET route at all; the preflight only connects. */
  protected override modelsUrl(): undefined {
    return undefined;
  }

  protected override body(request: GenerateRequest, json: JsonBody): Record<string, unknown> {
    const all = parts(request);
    const images = all.filter((p): p is Extract<ResolvedContentPart, { type: 'image' }> => p.type === 'image');
    const base64 = images.map((p) => json.base64(p.data));
    const first = images[0];
    const values: Record<string, string> = {
      prompt: all.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n'),
      model: this.options.model,
      ...(first ? { image: base64[0]!, image_mime: first.mime, image_data_url: `data:${first.mime};base64,${base64[0]}` } : {}),
    };
    return fill(this.options.body, values, base64) as Record<string, unknown>;
  }

  protected override read(json: unknown): GenerateResult {
    const text = pathValue(json, this.options.responsePath);
    if (typeof text !== 'string') throw new ModelError(`response has no text at ${this.options.responsePath}`, { kind: 'malformed' });
    return { text };
  }
}

export const httpModel: ModelPlugin<Options> = {
  id: 'http',
  description: 'Any HTTP JSON API: a request body template and the path of the answer in the response',
  endpoints: 'required',
  options: (raw) => optionsSchema.parse(raw),
  create(options, context) {
    const apiKey = options.apiKeyEnv ? context.secret(options.apiKeyEnv) : undefined;
    if (options.apiKeyEnv && !apiKey) throw new Error(`apiKeyEnv: environment variable ${options.apiKeyEnv} is not set`);
    return new HttpTemplateModel(options, apiKey, context);
  },
};
