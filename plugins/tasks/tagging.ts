import { DEFAULT_MAX_WORDS, defineImageTask, stripReasoning, withPost, z, type Row } from 'mmsoc-bench';
import { MMSOC_TOPICS, topicKey } from './topics.js';

/**
 * YouTube video tagging: predict a video's topics from its thumbnail, title and description. Gold is
 * the video's `topics` restricted to the 62 MM-Soc topics (option `topicSet: 'all'` keeps every topic);
 * videos left with none are skipped. Decisions the reference leaves open:
 * - post text: `title | description` (the reference's punctuation list includes `|`), cut to
 *   `maxWords` words, before the question;
 * - the prompt does not list the allowed topics (as the reference); `showTopicList: true` appends them;
 * - parsing: see `parseTopics`; tags that are not topics are dropped. Valid when at least one
 *   topic was read.
 */
const options = z.strictObject({
  topicSet: z.enum(['mmsoc', 'all']).default('mmsoc'),
  maxWords: z.int().positive().default(DEFAULT_MAX_WORDS),
  showTopicList: z.boolean().default(false),
});
type Options = z.output<typeof options>;

const PROMPT =
  'Predict the tags of the following online video given its title, description, and thumbnail image. Different tags must be separated by commas. For example, "sports,tennis,french-open"';

const CANONICAL = new Map<string, string>(MMSOC_TOPICS.map((topic) => [topicKey(topic), topic]));

function topicsOf(row: Row): string[] {
  const cell = row.topics;
  const list = Array.isArray(cell) ? cell : typeof cell === 'string' ? cell.split(',') : [];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.trim()).filter(Boolean);
}

/** Where one tag ends: commas, semicolons, new lines, bars, slashes, colons (after "Tags:"). */
const TAG_BREAK = /[,;\n|/:]/;
/** A list marker before a tag: "1.", "2)", "-", "*", "•". */
const LIST_MARKER = /^\s*(?:\d+[.)]|[-*\u2022+>])\s+/;
/** A lead-in naming what follows: "The tags are", "Here are the predicted tags", "Topics". */
const LEAD_IN = /^\s*(?:here\s+are\s+)?(?:(?:the|my|some|predicted|suggested)\s+)*(?:tags|topics)\b(?:\s+are|\s+would\s+be)?\s*/i;
/** What may follow a tag in a list: " - why", "(aside)". */
const EXPLANATION = /\s+-\s.*$|\s*\(.*$/;
const QUOTES = /["\u201C\u201D\u2018\u2019*`#]/g;
const HASHTAG = /#([\p{L}\p{N}_-]+)/gu;
/** The same topics keyed without separators, for hashtags ("#PopMusic", "#hiphopmusic"). */
const BY_COMPACT_KEY = new Map<string, string>(MMSOC_TOPICS.map((topic) => [topicKey(topic).replace(/_/g, ''), topic]));

function topicOf(candidate: string, topicSet: Options['topicSet']): string | undefined {
  const key = topicKey(candidate);
  if (!key) return undefined;
  return CANONICAL.get(key) ?? BY_COMPACT_KEY.get(key.replace(/_/g, '')) ?? (topicSet === 'all' ? key : undefined);
}

/** The tags one piece of the answer names: the whole piece, else each part of "A and B" / "A & B". */
function piecesTopics(piece: string, topicSet: Options['topicSet']): string[] {
  // Several hashtags in a piece are several tags; one ("#Pop music") is read like any piece.
  const hashtags = [...piece.matchAll(HASHTAG)].map((m) => m[1]!);
  if (hashtags.length > 1) return hashtags.flatMap((tag) => topicOf(tag, topicSet) ?? []);
  const cleaned = piece.replace(QUOTES, '').replace(LIST_MARKER, '').replace(LEAD_IN, '').replace(EXPLANATION, '');
  const whole = topicOf(cleaned, 'mmsoc');
  if (whole) return [whole];
  const parts = cleaned.split(/\s+(?:and|&)\s+/i);
  const known = parts.map((part) => topicOf(part, 'mmsoc'));
  if (parts.length > 1 && known.every(Boolean)) return known as string[];
  const kept = topicOf(cleaned, topicSet);
  return kept ? [kept] : [];
}

/**
 * Reads the tags out of an answer: split on commas, semicolons, new lines, bars, slashes and colons;
 * list markers, hashtags, quotes, markdown, a "Tags:" / "The tags are" lead-in and a trailing
 * explanation are dropped; each piece matching a topic (ignoring case, spaces, hyphens, underscores)
 * counts. Valid when at least one topic was read.
 */
export function parseTopics(output: string, topicSet: Options['topicSet']): { value: string[]; valid: boolean } {
  const found: string[] = [];
  for (const piece of stripReasoning(output).split(TAG_BREAK)) {
    for (const topic of piecesTopics(piece, topicSet)) if (!found.includes(topic)) found.push(topic);
  }
  return { value: found, valid: found.length > 0 };
}

export const tagging = defineImageTask<string[], Options>({
  id: 'tagging',
  version: '2',
  description: 'YouTube: predict the video topics (62 categories) from thumbnail, title and description',
  dataset: { hub: 'Ahren09/MMSoc_YouTube2000', path: 'data/samples/MMSoc_YouTube2000' },
  splits: { eval: 'test', train: 'train' },
  kind: 'tagging',
  metrics: ['tag-f1', 'valid-rate'],
  labels: MMSOC_TOPICS,
  options,
  gold(row, { topicSet }) {
    const topics = topicsOf(row).map((t) => (topicSet === 'mmsoc' ? CANONICAL.get(topicKey(t)) : topicKey(t)));
    const kept = [...new Set(topics.filter((t): t is string => t !== undefined))];
    return kept.length ? kept : { skip: topicSet === 'mmsoc' ? 'no topic among the 62 MM-Soc topics' : 'no topics' };
  },
  text(row) {
    const title = typeof row.title === 'string' ? row.title.trim() : '';
    const description = typeof row.description === 'string' ? row.description.trim() : '';
    return [title, description].filter(Boolean).join(' | ') || undefined;
  },
  question(sample, o) {
    const question = o.showTopicList ? `${PROMPT} Choose from: ${MMSOC_TOPICS.join(', ')}.` : PROMPT;
    return withPost(sample.text, question, o.maxWords);
  },
  parse: (output, _sample, o) => parseTopics(output, o.topicSet),
  answer: (gold) => gold.join(','),
});
