/**
 * The 62 topic categories of MM-Soc's tagging task: the Wikipedia slugs that
 * `topicDetails.topicCategories` of the YouTube Data API carries.
 */
export const MMSOC_TOPICS: readonly string[] = [
  'Action-adventure_game', 'Action_game', 'American_football', 'Association_football', 'Baseball', 'Basketball', 'Boxing',
  'Business', 'Casual_game', 'Christian_music', 'Classical_music', 'Country_music', 'Cricket', 'Electronic_music',
  'Entertainment', 'Fashion', 'Film', 'Food', 'Golf', 'Health', 'Hip_hop_music', 'Hobby', 'Humour', 'Ice_hockey',
  'Independent_music', 'Jazz', 'Knowledge', 'Lifestyle', 'Military', 'Mixed_martial_arts', 'Motorsport', 'Music',
  'Music_of_Asia', 'Music_of_Latin_America', 'Music_video_game', 'Performing_arts', 'Pet', 'Physical_attractiveness',
  'Physical_fitness', 'Politics', 'Pop_music', 'Professional_wrestling', 'Puzzle_video_game', 'Racing_video_game',
  'Reggae', 'Religion', 'Rhythm_and_blues', 'Rock_music', 'Role-playing_video_game', 'Simulation_video_game', 'Society',
  'Soul_music', 'Sport', 'Sports_game', 'Strategy_video_game', 'Technology', 'Television_program', 'Tennis', 'Tourism',
  'Vehicle', 'Video_game_culture', 'Volleyball',
];

/** How tags and topics are compared: case, spaces, hyphens and underscores do not matter. */
export function topicKey(tag: string): string {
  return tag
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[\s"'`*#\[]+|[\s"'`*.\]]+$/g, '')
    .replace(/[\s_-]+/g, '_');
}
