/**
 * The public API of mmsoc-bench: everything a config file or a plugin package imports.
 * Plugins depend on this module only, never on the core's internals or on inversify.
 */
export * from './contracts/index.js';
export { defineConfig } from './config/define-config.js';
export type { BenchConfigInput } from './config/schema.js';
export { defineClassificationTask, CLASSIFICATION_METRICS, type ClassificationTaskSpec } from './tasks/classification-task.js';
export { defineImageTask, type ImageTaskSpec, type SkipRow } from './tasks/image-task.js';
export { DEFAULT_MAX_WORDS, truncatePost, withPost } from './tasks/post-text.js';
export { parseChoice, type ChoiceMap, type ChoiceReading } from './tasks/parse-choice.js';
export { normaliseAnswer, stripReasoning } from './tasks/clean-output.js';
export { firstText, imageFromCell, rowId } from './tasks/row-fields.js';
export { ROW_ERROR } from './data/row-error.js';
export { OpenAICompatibleModel, type OpenAICompatibleSettings } from './models/openai-compatible-base.js';
export { JsonBody } from './models/json-body.js';
export { unknownParamWarnings } from './models/chat-params.js';
export { seededRandom, seedFrom, type Random } from './util/random.js';
export { BenchError, EXIT, UsageError } from './errors.js';
export { formatIssues } from './config/format-issue.js';
export { backoffDelayMs, type Backoff } from './scheduler/retry-policy.js';
export { stableJson } from './util/stable-json.js';
export { sha256Hex } from './util/hash.js';
export { z } from 'zod';
// Collectors return an Observable of progress; a plugin package need not depend on rxjs itself.
export { Observable } from 'rxjs';
