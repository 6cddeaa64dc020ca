import { z } from 'zod';

/**
 * What a Data API list answer must look like before the collector believes it. A 200 whose body did not parse
 * (gaxios then hands over the text), or JSON of another shape, must not read as "no items": for videos.list
 * that would record 50 good ids as unavailable. Only the fields the collector reads are checked; the rest may
 * be anything, as the API adds fields over time.
 */
const text = z.string().optional();
const record = z.looseObject({}).optional();

function listReply<Item extends z.ZodType>(kind: string, item: Item) {
  return z.looseObject({ kind: z.literal(kind), etag: text, nextPageToken: text, items: z.array(item).optional() });
}

export const REPLIES = {
  videos: listReply(
    'youtube#videoListResponse',
    z.looseObject({ id: z.string(), snippet: record, contentDetails: record, statistics: record, topicDetails: record, status: record }),
  ),
  channels: listReply(
    'youtube#channelListResponse',
    z.looseObject({ contentDetails: z.looseObject({ relatedPlaylists: z.looseObject({ uploads: text }).optional() }).optional() }),
  ),
  playlistItems: listReply(
    'youtube#playlistItemListResponse',
    z.looseObject({ contentDetails: z.looseObject({ videoId: text, videoPublishedAt: text }).optional() }),
  ),
  search: listReply('youtube#searchListResponse', z.looseObject({ id: z.looseObject({ videoId: text }).optional() })),
  videoCategories: listReply(
    'youtube#videoCategoryListResponse',
    z.looseObject({ id: text, snippet: z.looseObject({ title: text, assignable: z.boolean().optional() }).optional() }),
  ),
} as const;

/** Why `data` is not the answer `reply` describes, in a few words (never quoting it), or undefined when it is. */
export function replyProblem(reply: z.ZodType, data: unknown): string | undefined {
  if (typeof data === 'string') return data === '' ? 'an empty body' : `a body that is not JSON (${Buffer.byteLength(data)} bytes)`;
  if (data instanceof Blob) return `a ${data.type || 'binary'} body, not JSON`;
  const parsed = reply.safeParse(data);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `JSON of the wrong shape (${issue.path.join('.') || 'the reply'}: ${issue.message})`;
}
