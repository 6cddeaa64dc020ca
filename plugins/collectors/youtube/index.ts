/** The YouTube collector: builds and refreshes the tagging task's dataset. */
export { youtubeCollector } from './plugin.js';
export type { YoutubeCollectOptions } from './options.js';
export { exportTaggingDataset, splitOf, SPLITS, type ExportOptions, type ExportSummary, type TopicFilter } from './export.js';
export { MMSOC_TOPICS, topicFromCategoryUrl } from './topics.js';
