export { MMSOC_TOPICS } from '../../tasks/topics.js';

/** `https://en.wikipedia.org/wiki/Role-playing_video_game` -> `Role-playing_video_game`. */
export function topicFromCategoryUrl(url: string): string | undefined {
  const segment = url.split(/[?#]/, 1)[0]!.replace(/\/+$/, '').split('/').pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
