/**
 * A 32-bit FNV-1a hash of a URL: enough to tell whether the thumbnail stored for a video is the one its
 * current record points to, without keeping millions of URLs in memory.
 */
export function urlKey(url: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    hash ^= url.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) || 1;
}
