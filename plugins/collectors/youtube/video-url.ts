/**
 * Finds YouTube video ids and channel references in free text: seed files are often links pulled out of
 * Reddit dumps, so a line may hold markdown, HTML-escaped query strings or several links at once.
 */
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const HANDLE = /^@[\p{L}\p{N}._-]{3,100}$/u;
/** Anything that looks like a link to a YouTube host, scheme optional, up to a delimiter. */
const YOUTUBE_LINK =
  /(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:youtube\.com|youtube-nocookie\.com|youtu\.be)(?:\/[^\s<>"'`()[\]{}|\\^]*)?/gi;
/** Path forms whose next segment is the video id. */
const ID_PATH_PREFIXES = new Set(['embed', 'v', 'e', 'shorts', 'live', 'watch', 'vi']);

export function isVideoId(text: string): boolean {
  return VIDEO_ID.test(text);
}

/** Video ids in one line, in order of appearance, without repeats. A whole-line bare id counts too. */
export function videoIdsInText(line: string): string[] {
  const trimmed = line.trim();
  if (isVideoId(trimmed)) return [trimmed];
  const ids: string[] = [];
  for (const match of trimmed.matchAll(YOUTUBE_LINK)) {
    const id = videoIdFromUrl(match[0]);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The video id a YouTube URL points to, or undefined when it points to none. */
export function videoIdFromUrl(raw: string): string | undefined {
  const url = parseLink(raw);
  if (!url) return undefined;
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.hostname.endsWith('youtu.be')) return idOrUndefined(segments[0]);
  const fromQuery = idOrUndefined(url.searchParams.get('v') ?? url.searchParams.get('vi') ?? undefined);
  if (fromQuery) return fromQuery;
  const [first, second] = segments;
  if (first && ID_PATH_PREFIXES.has(first.toLowerCase())) return idOrUndefined(second);
  // attribution_link?u=/watch%3Fv%3DID and oembed?url=<link> wrap another YouTube link.
  const wrapped = url.searchParams.get('u') ?? url.searchParams.get('url');
  if (wrapped) return videoIdFromUrl(wrapped.startsWith('/') ? `https://www.youtube.com${wrapped}` : wrapped);
  return undefined;
}

export type ChannelRef =
  | { readonly kind: 'id'; readonly value: string }
  | { readonly kind: 'handle'; readonly value: string }
  | { readonly kind: 'username'; readonly value: string };

/** A channel id (`UC…`), a handle (`@name`) or a channel URL (`/channel/UC…`, `/@name`, `/user/name`). */
export function channelRefFromText(text: string): ChannelRef | undefined {
  const trimmed = text.trim();
  if (CHANNEL_ID.test(trimmed)) return { kind: 'id', value: trimmed };
  if (HANDLE.test(trimmed)) return { kind: 'handle', value: trimmed };
  const link = trimmed.match(YOUTUBE_LINK)?.[0];
  const url = link ? parseLink(link) : undefined;
  if (!url) return undefined;
  const [first, second] = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (first === 'channel' && second && CHANNEL_ID.test(second)) return { kind: 'id', value: second };
  if (first === 'user' && second) return { kind: 'username', value: second };
  if (first && HANDLE.test(first)) return { kind: 'handle', value: first };
  return undefined;
}

function parseLink(raw: string): URL | undefined {
  // Reddit dumps carry HTML-escaped query strings (`watch?v=ID&amp;t=10`).
  const text = raw.replace(/&amp;/gi, '&').replace(/[.,;:!?]+$/, '');
  try {
    return new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
}

function idOrUndefined(candidate: string | undefined): string | undefined {
  return candidate !== undefined && isVideoId(candidate) ? candidate : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
