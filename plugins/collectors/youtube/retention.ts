/** What the YouTube API Services terms allow: stored API data must be refreshed or deleted within 30 days. */
export const DAY_MS = 24 * 3600 * 1000;
export const RETENTION_DAYS = 30;
/** `--refresh` re-fetches records older than this by default: 25 days leaves slack before the 30-day limit. */
export const DEFAULT_MAX_AGE_DAYS = 25;
