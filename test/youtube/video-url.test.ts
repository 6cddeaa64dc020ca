import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { channelRefFromText, videoIdsInText } from '../../plugins/collectors/youtube/video-url.js';
import { topicFromCategoryUrl } from '../../plugins/collectors/youtube/topics.js';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const videoIdArb = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 11, maxLength: 11 });

/** The link shapes found in Reddit dumps, each wrapping a video id. */
const LINK_FORMS: ((id: string) => string)[] = [
  (id) => `https://www.youtube.com/watch?v=${id}`,
  (id) => `http://youtube.com/watch?feature=youtu.be&v=${id}`,
  (id) => `https://m.youtube.com/watch?v=${id}&amp;t=1m2s`,
  (id) => `https://music.youtube.com/watch?v=${id}&list=RDAMVM${id}`,
  (id) => `https://youtu.be/${id}`,
  (id) => `youtu.be/${id}?t=10`,
  (id) => `https://www.youtube.com/embed/${id}?autoplay=1`,
  (id) => `https://www.youtube-nocookie.com/embed/${id}`,
  (id) => `https://www.youtube.com/v/${id}?version=3`,
  (id) => `https://youtube.com/shorts/${id}`,
  (id) => `https://www.youtube.com/live/${id}?feature=share`,
  (id) => `https://www.youtube.com/attribution_link?a=x&u=%2Fwatch%3Fv%3D${id}%26feature%3Dshare`,
  (id) => `https://www.youtube.com/oembed?url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3D${id}&format=json`,
];

describe('videoIdsInText', () => {
  test('finds the id in every link form, inside any surrounding text', () => {
    fc.assert(
      fc.property(videoIdArb, fc.constantFrom(...LINK_FORMS), fc.constantFrom('', 'look: ', '[x](', '"', '<a href="'), (id, form, before) => {
        expect(videoIdsInText(`${before}${form(id)}) more text.`)).toEqual([id]);
      }),
    );
  });

  test('several links in a line, repeats once, a bare id only as the whole line, nothing from other hosts', () => {
    expect(videoIdsInText('https://youtu.be/aaaaaaaaaaa and https://youtube.com/watch?v=bbbbbbbbbbb and youtu.be/aaaaaaaaaaa')).toEqual([
      'aaaaaaaaaaa',
      'bbbbbbbbbbb',
    ]);
    expect(videoIdsInText('  dQw4w9WgXcQ  ')).toEqual(['dQw4w9WgXcQ']);
    expect(videoIdsInText('programming is fun')).toEqual([]);
    expect(videoIdsInText('https://vimeo.com/watch?v=dQw4w9WgXcQ')).toEqual([]);
    expect(videoIdsInText('https://www.youtube.com/channel/UC0000000000000000000001')).toEqual([]);
    expect(videoIdsInText('https://www.youtube.com/watch?v=tooshort')).toEqual([]);
  });
});

test('channelRefFromText reads ids, handles and channel URLs', () => {
  const id = 'UC0000000000000000000001';
  expect(channelRefFromText(id)).toEqual({ kind: 'id', value: id });
  expect(channelRefFromText('@SomeCreator')).toEqual({ kind: 'handle', value: '@SomeCreator' });
  expect(channelRefFromText(`https://www.youtube.com/channel/${id}/videos`)).toEqual({ kind: 'id', value: id });
  expect(channelRefFromText('https://youtube.com/@SomeCreator/shorts')).toEqual({ kind: 'handle', value: '@SomeCreator' });
  expect(channelRefFromText('https://www.youtube.com/user/oldname')).toEqual({ kind: 'username', value: 'oldname' });
  expect(channelRefFromText('https://www.youtube.com/c/custom')).toBeUndefined();
  expect(channelRefFromText('not a channel')).toBeUndefined();
});

test('topics are the last path segment of topicCategories URLs', () => {
  expect(topicFromCategoryUrl('https://en.wikipedia.org/wiki/Role-playing_video_game')).toBe('Role-playing_video_game');
  expect(topicFromCategoryUrl('https://en.wikipedia.org/wiki/Hip_hop_music/')).toBe('Hip_hop_music');
  expect(topicFromCategoryUrl('https://en.wikipedia.org/wiki/Music_of_Latin_America?x=1')).toBe('Music_of_Latin_America');
  expect(topicFromCategoryUrl('https://en.wikipedia.org/wiki/Pok%C3%A9mon')).toBe('Pokémon');
});
