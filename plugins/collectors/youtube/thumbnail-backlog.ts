import type { Session } from './session.js';

/** Downloads queued beyond this wait: keeps memory flat when the API outpaces the image host. */
export const THUMBNAIL_BACKLOG = 500;
const READ_CHUNK = 200;

/**
 * Queues downloads for live videos whose current thumbnail is neither stored nor failed for good: the ones a
 * killed run left in flight, earlier transient failures, and records whose thumbnail URL changed.
 */
export async function queueMissingThumbnails(session: Session): Promise<number> {
  const { store, thumbnails, downloader } = session;
  const missing: string[] = [];
  for (const [id, entry] of store.entries()) {
    if (entry.live && entry.thumbKey !== 0 && !thumbnails.isSettled(id, entry.thumbKey)) missing.push(id);
  }
  for (let i = 0; i < missing.length && !session.signal.aborted; i += READ_CHUNK) {
    for (const line of await store.read(missing.slice(i, i + READ_CHUNK))) downloader.enqueue(line.id, line.video.thumbnails);
    await downloader.settle(THUMBNAIL_BACKLOG);
  }
  return missing.length;
}
