import type { CollectorPlugin } from 'mmsoc-bench';
import { from, switchMap } from 'rxjs';
import { youtubeOptions, type YoutubeCollectOptions } from './options.js';

/**
 * `bench collect youtube` (docs/youtube.md). Light to import: the API client and the parquet writer load only
 * when the collector runs, not each time the registry is built.
 */
export const youtubeCollector: CollectorPlugin<YoutubeCollectOptions> = {
  id: 'youtube',
  description: 'Builds and refreshes the tagging dataset (YouTube videos, topics, thumbnails) from the YouTube Data API',
  options: youtubeOptions,
  run: (options, context) => from(import('./collector.js')).pipe(switchMap(({ collectYoutube }) => collectYoutube(options, context))),
};
