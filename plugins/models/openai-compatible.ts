import { OpenAICompatibleModel, unknownParamWarnings, z, type ModelPlugin } from 'mmsoc-bench';

const optionsSchema = z.strictObject({
  /** The served model name. */
  model: z.string().min(1),
  /** Name of the environment variable holding the API key; the key itself never goes in the config. */
  apiKeyEnv: z.string().min(1).optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  headers: z.record(z.string(), z.string()).optional(),
});

type Options = z.output<typeof optionsSchema>;

/** Deterministic answers unless the config asks otherwise: the benchmark compares models, not samples. */
const DEFAULT_PARAMS = { temperature: 0, max_tokens: 128 };

export const openAICompatible: ModelPlugin<Options> = {
  id: 'openai-compatible',
  description: 'Any server speaking the OpenAI chat-completions API with images (vLLM, SGLang, TGI, llama.cpp, Ollama, hosted APIs)',
  endpoints: 'required',
  options: (raw) => optionsSchema.parse(raw),
  // Unknown keys are sent as written (servers have extensions of their own) but probably are typos.
  warnings: (options) => unknownParamWarnings(options.params),
  create(options, context) {
    let apiKey: string | undefined;
    if (options.apiKeyEnv) {
      apiKey = context.secret(options.apiKeyEnv);
      if (!apiKey) throw new Error(`apiKeyEnv: environment variable ${options.apiKeyEnv} is not set`);
    }
    return new OpenAICompatibleModel(
      { model: options.model, apiKey, params: { ...DEFAULT_PARAMS, ...options.params }, headers: options.headers },
      context,
    );
  },
};
