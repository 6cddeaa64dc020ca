import { didYouMean } from '../registry/close-matches.js';

/**
 * Request-body keys of the OpenAI chat-completions API and of the servers that extend it (vLLM,
 * SGLang, TGI, llama.cpp, Ollama). A key outside them is most likely a typo, which every server
 * ignores without a word: `temprature: 0` would leave the server's default temperature in force.
 */
const KNOWN_PARAMS = new Set([
  // OpenAI
  'audio', 'frequency_penalty', 'logit_bias', 'logprobs', 'max_completion_tokens', 'max_tokens', 'metadata', 'modalities', 'n',
  'parallel_tool_calls', 'prediction', 'presence_penalty', 'reasoning_effort', 'response_format', 'seed', 'service_tier', 'stop',
  'store', 'stream', 'stream_options', 'temperature', 'tool_choice', 'tools', 'top_logprobs', 'top_p', 'user', 'verbosity',
  'web_search_options',
  // vLLM and SGLang sampling and decoding extensions
  'add_generation_prompt', 'best_of', 'chat_template', 'chat_template_kwargs', 'guided_choice', 'guided_decoding_backend',
  'guided_grammar', 'guided_json', 'guided_regex', 'ignore_eos', 'include_stop_str_in_output', 'length_penalty', 'min_p',
  'min_tokens', 'mm_processor_kwargs', 'priority', 'regex', 'repetition_penalty', 'skip_special_tokens',
  'spaces_between_special_tokens', 'stop_token_ids', 'structured_outputs', 'top_k', 'truncate_prompt_tokens', 'use_beam_search',
  'separate_reasoning', 'ebnf', 'json_schema',
  // llama.cpp and Ollama
  'cache_prompt', 'grammar', 'keep_alive', 'mirostat', 'mirostat_eta', 'mirostat_tau', 'n_predict', 'options', 'think',
  'typical_p', 'tfs_z', 'repeat_penalty', 'repeat_last_n',
]);

/** One warning per key of `params` that no known server reads, with the nearest known key. */
export function unknownParamWarnings(params: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(params)
    .filter((key) => !KNOWN_PARAMS.has(key))
    .map((key) => `params.${key}: not a chat-completions parameter${didYouMean(key, KNOWN_PARAMS)} (sent as written; servers ignore keys they do not know)`);
}
