import { createHash } from 'node:crypto';
import { seededRandom, type Random } from '../../core/util/random.js';
import type { MMSOC_TOPICS } from '../../plugins/tasks/topics.js';
import { chance, fill, pick, weighted } from './draw.js';
import { writeHubDataset } from './parquet.js';
import { renderThumbnail } from './render-thumbnail.js';
import { randomScene, type SettingId } from './scene.js';
import { buildSplits } from './splits.js';

type Topic = (typeof MMSOC_TOPICS)[number];

const COLUMNS = {
  image: 'image',
  id: 'string',
  title: 'string',
  description: 'string',
  tags: 'string',
  topics: 'string-list',
  categoryId: 'string',
  channelId: 'string',
  channelTitle: 'string',
  publishedAt: 'string',
  duration: 'string',
  viewCount: 'int64',
  likeCount: 'int64',
  commentCount: 'int64',
  defaultLanguage: 'string',
  defaultAudioLanguage: 'string',
  split: 'string',
} as const;

/**
 * A kind of video: its main topic (always tagged), narrower topics with the words titles use for them,
 * and the templates its titles and descriptions are written from (`{word}`: the narrower topic's word).
 */
interface Genre {
  readonly categoryId: string;
  readonly topic: Topic;
  readonly subtopics: Readonly<Partial<Record<Topic, readonly string[]>>>;
  /** Sometimes tagged as well, e.g. a music video as entertainment. */
  readonly alsoTopic?: Topic;
  /** A topic outside the 62 the API also gives, which the tagging task must filter out. */
  readonly outsideTopic?: string;
  readonly scenes: readonly SettingId[];
  readonly seconds: readonly [number, number];
  readonly titles: readonly string[];
  readonly descriptions: readonly string[];
  readonly tags: readonly string[];
  readonly channels: readonly string[];
}

/** Main topics skewed as on YouTube: music and games dominate, so frequent tags are worth guessing. */
const GENRES = {
  music: {
    categoryId: '10',
    topic: 'Music',
    subtopics: {
      Pop_music: ['pop'], Hip_hop_music: ['hip hop', 'rap'], Rock_music: ['rock'], Electronic_music: ['EDM', 'electronic'],
      Country_music: ['country'], Jazz: ['jazz'], Classical_music: ['classical piano'], Reggae: ['reggae'],
      Rhythm_and_blues: ['R&B'], Music_of_Latin_America: ['reggaeton', 'latin'],
    },
    alsoTopic: 'Entertainment',
    scenes: ['concert', 'studio'],
    seconds: [150, 330],
    titles: ['{artist} - {song} (Official {word} Music Video)', 'Best {word} songs of {year} | {word} music playlist', '{artist} live in concert: {word} music full show'],
    descriptions: ['Official music video for "{song}" by {artist}. Stream the new {word} album everywhere.', 'The best {word} music of {year}, mixed for you. Turn it up!'],
    tags: ['music', 'official video', 'song', 'playlist'],
    channels: ['Pulse Records', 'Neon Beats', 'Velvet Sound', 'Open Mic Sessions'],
  },
  gaming: {
    categoryId: '20',
    topic: 'Video_game_culture',
    subtopics: {
      Action_game: ['action'], 'Role-playing_video_game': ['RPG'], Strategy_video_game: ['strategy'], 'Action-adventure_game': ['open world'],
      Sports_game: ['football game'], Racing_video_game: ['racing'], Puzzle_video_game: ['puzzle'], Simulation_video_game: ['farming sim'],
    },
    outsideTopic: 'Video_game',
    scenes: ['studio'],
    seconds: [600, 3900],
    titles: ['{game} {word} gameplay walkthrough part {n}', 'I played the hardest {word} game ever', 'Top 10 {word} video games of {year}'],
    descriptions: ['Gaming time: {word} gameplay of {game}, part {n}. Like and subscribe for more gaming videos!', 'My ranking of the best {word} video games of {year}. Which game is your favourite?'],
    tags: ['gaming', 'gameplay', 'video game', 'walkthrough'],
    channels: ['PixelQuest', 'Respawn Rachel', 'Level Up Lab'],
  },
  sport: {
    categoryId: '17',
    topic: 'Sport',
    subtopics: {
      Association_football: ['football', 'soccer'], Basketball: ['basketball'], Tennis: ['tennis'], American_football: ['NFL'],
      Baseball: ['baseball'], Ice_hockey: ['hockey'], Boxing: ['boxing'], Mixed_martial_arts: ['MMA'], Motorsport: ['F1'],
      Golf: ['golf'], Cricket: ['cricket'], Volleyball: ['volleyball'],
    },
    scenes: ['stadium'],
    seconds: [120, 900],
    titles: ['{word} highlights: {team} vs {rival}', 'Best {word} moments of {year}', '{team} {word} match recap and goals'],
    descriptions: ['Full {word} highlights from the {team} game. Sport news and highlights every day.', 'The greatest {word} plays of {year} in one sport video.'],
    tags: ['sport', 'highlights', 'match', 'sports'],
    channels: ['Matchday Central', 'Sideline Stories', 'Final Whistle'],
  },
  lifestyle: {
    categoryId: '26',
    topic: 'Lifestyle',
    subtopics: {
      Food: ['recipe', 'cooking'], Fashion: ['fashion', 'outfit'], Physical_fitness: ['workout', 'fitness'], Tourism: ['travel'],
      Health: ['healthy habits'], Hobby: ['DIY crafts'], Physical_attractiveness: ['makeup', 'skincare'],
    },
    scenes: ['beach', 'street', 'studio'],
    seconds: [240, 1200],
    titles: ['Easy {word} ideas for beginners', 'My morning {word} routine', '{word}: 5 lifestyle tips that changed my life'],
    descriptions: ['Lifestyle tips: today it is all about {word}. New lifestyle videos every week.', 'My honest {word} routine, step by step. Tell me yours in the comments!'],
    tags: ['lifestyle', 'vlog', 'routine', 'tips'],
    channels: ['Daily Bloom', 'Simply Sam', 'Weekend Wanderer'],
  },
  entertainment: {
    categoryId: '24',
    topic: 'Entertainment',
    subtopics: { Film: ['movie'], Television_program: ['TV series'], Humour: ['comedy'], Performing_arts: ['theatre'] },
    scenes: ['red-carpet', 'concert', 'studio'],
    seconds: [60, 1500],
    titles: ['{film} official {word} trailer', 'Funniest {word} moments of {year}', 'Reacting to the {film} {word} trailer'],
    descriptions: ['Watch the new {word} trailer for {film}. Entertainment news, trailers and reactions.', 'The funniest {word} clips of {year}, all in one entertainment video.'],
    tags: ['entertainment', 'trailer', 'reaction', 'celebrity'],
    channels: ['Screen Buzz', 'Popcorn Panel', 'Late Night Clips'],
  },
  knowledge: {
    categoryId: '28',
    topic: 'Knowledge',
    subtopics: { Technology: ['tech', 'smartphone'], Business: ['business', 'investing'] },
    scenes: ['studio', 'skyline'],
    seconds: [300, 1800],
    titles: ['How {word} really works, explained', 'The {word} guide nobody told you about', '{word} explained in 10 minutes'],
    descriptions: ['Knowledge made simple: everything about {word}, explained with examples.', 'A clear {word} explainer for curious minds. Sources in the pinned comment.'],
    tags: ['explained', 'education', 'knowledge', 'science'],
    channels: ['Curious Minds', 'Explainer Hub'],
  },
  society: {
    categoryId: '25',
    topic: 'Society',
    subtopics: { Politics: ['politics', 'election'], Military: ['military'], Religion: ['faith'] },
    scenes: ['capitol', 'press-room', 'rally'],
    seconds: [180, 1500],
    titles: ['{word} news: what happened this week', 'Debate night: the {word} questions that matter', 'Why {word} divides society'],
    descriptions: ['Weekly {word} news and analysis about society and public life.', 'A calm look at {word} and what it means for society.'],
    tags: ['news', 'society', 'analysis', 'debate'],
    channels: ['Civic Desk', 'The Public Square'],
  },
  pets: {
    categoryId: '15',
    topic: 'Pet',
    subtopics: {},
    scenes: ['street', 'forest'],
    seconds: [30, 480],
    titles: ['My dog meets a cat for the first time', 'Cute pet compilation {year}', 'Training my puppy: day {n}'],
    descriptions: ['The cutest pet moments of the week. Share with a pet lover!', 'Puppy training diary, day {n}. Our pet is learning fast.'],
    tags: ['pets', 'dog', 'cat', 'cute animals'],
    channels: ['Paws and Whiskers'],
  },
  vehicles: {
    categoryId: '2',
    topic: 'Vehicle',
    subtopics: {},
    scenes: ['street'],
    seconds: [300, 1400],
    titles: ['{year} electric car review: worth it?', 'Restoring a classic car in 30 days', 'Car buying mistakes to avoid in {year}'],
    descriptions: ['Honest car review and test drive. Vehicle specs in the description below.', 'Full vehicle restoration, from rust to road.'],
    tags: ['car', 'review', 'vehicle', 'test drive'],
    channels: ['Gearhead Garage', 'Torque Talk'],
  },
} as const satisfies Record<string, Genre>;

const GENRE_WEIGHTS: Readonly<Record<keyof typeof GENRES, number>> = {
  music: 34, gaming: 18, sport: 14, lifestyle: 12, entertainment: 10, knowledge: 5, society: 3, pets: 2, vehicles: 2,
};

const SLOTS = {
  artist: ['Mara Lynn', 'Kid Solace', 'The Night Owls', 'Jade Rivers', 'DJ Comet'],
  song: ['Golden Hour', 'Slow River', 'Paper Planes', 'Neon Hearts', 'After Midnight'],
  game: ['Skyforge', 'Iron Tides', 'Starfall Legends', 'Crystal Kingdom'],
  team: ['Riverton FC', 'Lakeside United', 'Oak Hill Tigers', 'Fairview Rovers'],
  rival: ['Harbor City', 'North Vale', 'Kingsport Athletic'],
  film: ['Silver Harbor', 'Midnight Lines', 'Paper Crowns', 'The Last Summer'],
  year: ['2019', '2020', '2021', '2022', '2023'],
  n: ['1', '2', '3', '7', '12'],
};

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const videoId = (random: Random) => Array.from({ length: 11 }, () => ID_CHARS[random.int(0, ID_CHARS.length - 1)]).join('');

/** A channel id of the API's shape (`UC` + 22 characters), the same for every video of the channel. */
const channelId = (title: string) => `UC${createHash('sha256').update(title).digest('base64url').slice(0, 22)}`;

/** ISO 8601, as the API writes durations: PT1H2M3S. */
function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

const PUBLISHED = { from: Date.UTC(2015, 0, 1) / 1000, to: Date.UTC(2023, 11, 31) / 1000 } as const;

function video(random: Random) {
  const genre: Genre = GENRES[weighted(random, GENRE_WEIGHTS)];
  const subtopics = Object.entries(genre.subtopics) as [Topic, readonly string[]][];
  const subtopic = subtopics.length > 0 && chance(random, 0.85) ? pick(random, subtopics) : undefined;
  const topics: string[] = [genre.topic];
  if (subtopic) topics.push(subtopic[0]);
  if (genre.alsoTopic && chance(random, 0.25)) topics.push(genre.alsoTopic);
  if (genre.outsideTopic && chance(random, 0.4)) topics.push(genre.outsideTopic);
  const word = subtopic ? pick(random, subtopic[1]) : genre.topic.toLowerCase();
  const slots = { ...SLOTS, word: [word] };
  // One fill for title and description together, so both name the same song, team or film.
  const [title, description] = fill(random, `${pick(random, genre.titles)}\n${pick(random, genre.descriptions)}`, slots).split('\n') as [string, string];
  const channelTitle = pick(random, genre.channels);
  const views = Math.round(10 ** (2 + 6 * random.float()));
  const likes = Math.round(views * (0.005 + 0.045 * random.float()));
  const spanish = subtopic?.[0] === 'Music_of_Latin_America';
  return {
    genre,
    row: {
      id: videoId(random),
      title,
      description,
      tags: [...genre.tags, word, channelTitle.toLowerCase()].join(','),
      topics,
      categoryId: genre.categoryId,
      channelId: channelId(channelTitle),
      channelTitle,
      publishedAt: new Date(random.int(PUBLISHED.from, PUBLISHED.to) * 1000).toISOString().replace('.000Z', 'Z'),
      duration: isoDuration(random.int(...genre.seconds)),
      viewCount: views,
      likeCount: likes,
      commentCount: Math.round(likes * (0.01 + 0.09 * random.float())),
      defaultLanguage: chance(random, 0.6) ? null : spanish ? 'es' : 'en',
      defaultAudioLanguage: chance(random, 0.25) ? null : spanish ? 'es' : pick(random, ['en', 'en-US']),
    },
  };
}

/**
 * YouTube2000 sample (Ahren09/MMSoc_YouTube2000 columns, the API's `videos` fields flattened):
 * topics as a list of Wikipedia slugs, titles and descriptions that use the topics' words.
 */
export async function makeYouTube(dir: string, sizes: Readonly<Record<string, number>>): Promise<void> {
  const random = seededRandom(51);
  const splits = await buildSplits(
    sizes,
    (size) =>
      Array.from({ length: size }, () => {
        const { genre, row } = video(random);
        return { row, scene: randomScene(random, genre.scenes) };
      }),
    async ({ row, scene }, split) => ({ image: { bytes: await renderThumbnail(row.title, scene), path: `${row.id}.jpg` }, ...row, split }),
  );
  writeHubDataset(dir, COLUMNS, splits);
}
