import { definePlugin, PLUGIN_API_VERSION } from 'mmsoc-bench';
import { youtubeCollector } from './collectors/youtube/plugin.js';
import { builtinMetrics } from './metrics/index.js';
import { majorityBaseline, randomBaseline } from './models/baselines.js';
import { frequentTagsBaseline } from './models/frequent-tags.js';
import { ocrBaseline } from './models/ocr.js';
import { textClassifierBaseline } from './models/text-classifier.js';
import { httpModel } from './models/http.js';
import { openAICompatible } from './models/openai-compatible.js';
import { builtinTasks } from './tasks/index.js';

/** The built-in plugins, registered through the same public API as any third-party package. */
export default definePlugin({
  apiVersion: PLUGIN_API_VERSION,
  name: 'mmsoc-bench',
  tasks: builtinTasks,
  models: [openAICompatible, httpModel, majorityBaseline, randomBaseline, textClassifierBaseline, frequentTagsBaseline, ocrBaseline],
  metrics: builtinMetrics,
  collectors: [youtubeCollector],
});
