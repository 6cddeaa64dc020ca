import { makeNews, type NewsVocabulary } from './news.js';

/** Celebrity news: invented stars, films and albums. Mostly true stories, as in GossipCop. */
const GOSSIPCOP: NewsVocabulary = {
  seed: 41,
  imagePrefix: 'gossipcop-',
  fakeShare: 0.25,
  topics: [
    {
      scenes: ['red-carpet'],
      lead: {
        true: [
          '{star} and longtime partner {partner} confirmed their engagement in a statement on {weekday}.',
          '{star} walked the red carpet at the premiere of {film} in {city} on {weekday}.',
        ],
        fake: [
          '{star} SECRETLY married {partner} in a hidden ceremony, and the photos are unbelievable!',
          '{star} stormed off the red carpet in a SHOCKING tantrum, stunned witnesses say!',
        ],
      },
      body: [
        'The couple met on the set of a film several years ago.',
        'Photographers lined the entrance hours before the guests arrived.',
        'The premiere raised money for a children\'s charity.',
      ],
    },
    {
      scenes: ['street'],
      lead: {
        true: [
          'Representatives for {star} said the couple separated amicably earlier this year.',
          '{star} was seen shopping in {city} with friends over the weekend.',
        ],
        fake: [
          '{star} and {partner} in SHOCKING split after an explosive fight, insiders reveal!',
          '{star} caught sneaking out of a secret hideout in {city}, and fans are losing it!',
        ],
      },
      body: [
        'The pair said they would continue to raise their children together.',
        'Neighbors described the star as friendly and quiet.',
        'The star later posted a short thank-you message to fans.',
      ],
    },
    {
      scenes: ['concert'],
      lead: {
        true: [
          '{star} announced a world tour that opens in {city} next spring.',
          '{star} released the new album {album}, the first in four years.',
        ],
        fake: [
          '{star} caught lip-syncing the ENTIRE tour, and furious fans demand refunds!',
          '{star} collapsed on stage in {city}, and the label is hiding the truth!',
        ],
      },
      body: [
        'The tour will visit twenty cities in Europe and North America.',
        'The album was recorded in a small studio outside {city}.',
        'Critics praised the songwriting on the new record.',
      ],
    },
    {
      scenes: ['studio', 'red-carpet'],
      lead: {
        true: [
          '{star} will play the lead in the drama {film}, the studio announced on {weekday}.',
          '{star} talked about the new series {film} in an online interview.',
        ],
        fake: [
          '{star} FIRED from {film} after a wild meltdown on set, sources say!',
          'The studio is hiding a bombshell secret about {star} and {film}!',
        ],
      },
      body: [
        'Filming is expected to begin in the autumn.',
        'The director said the script had been in development for years.',
        'The streaming service did not give a release date.',
      ],
    },
    {
      scenes: ['beach'],
      lead: {
        true: [
          '{star} was photographed on holiday on the coast with family this week.',
          '{star} shared pictures from a beach vacation with {partner}.',
        ],
        fake: [
          '{star} is UNRECOGNIZABLE after dramatic surgery on a secret beach trip!',
          '{star} spotted with a mystery lover on a private island, and {partner} has no idea!',
        ],
      },
      body: [
        'The family has visited the same seaside town for years.',
        'The trip came after a busy year of filming.',
        'Fans left thousands of kind comments under the photos.',
      ],
    },
  ],
  slots: {
    star: ['pop star Mara Lynn', 'actor Theo Banks', 'singer Jade Rivers', 'actress Nora Vale', 'rapper Kid Solace'],
    partner: ['Alex Moreau', 'Sam Whitaker', 'Chris Delaney', 'Jamie Park'],
    film: ['Silver Harbor', 'The Last Summer', 'Midnight Lines', 'Paper Crowns'],
    album: ['Neon Hearts', 'Slow River', 'Golden Hour'],
    city: ['Los Angeles', 'London', 'Toronto', 'Paris', 'Nashville'],
    weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  },
  sober: [
    'A representative for the star confirmed the news to reporters.',
    'The announcement was made on the star\'s official social media account.',
    'The couple has been together for several years.',
    'Tickets go on sale next month.',
    'Fans reacted warmly to the news online.',
    'The star has previously spoken about keeping family life private.',
    'The film is scheduled for release next year.',
    'A spokesperson declined to comment further on private matters.',
    'The interview will air in full later this week.',
    'The star thanked the cast and crew in a short speech.',
    'According to the magazine, the event was planned months in advance.',
    'The studio confirmed the dates in a press release.',
  ],
  sensational: [
    'Fans are FREAKING OUT over the news.',
    'Insiders say the drama is far from over.',
    'You will not believe the shocking photos.',
    'Sources close to the star claim everything was staged.',
    'The explosive details are leaking everywhere.',
    'Hollywood is in total meltdown.',
    'This secret has been hidden from fans for years.',
    'Nobody saw this scandal coming!',
    'The whole internet is talking about this bombshell.',
    'Friends say the star is devastated and furious.',
    'Share this before the studio deletes it!',
    'Is this the end of a career? Everyone is asking!',
  ],
  related: ['red-carpet', 'concert', 'studio'],
  loose: ['street', 'skyline'],
  unrelated: ['wind-farm', 'hospital', 'capitol', 'forest'],
};

/** GossipCop sample: the Hub columns only (it has no reference columns). */
export function makeGossipCop(dir: string, sizes: Readonly<Record<string, number>>): Promise<void> {
  return makeNews(dir, GOSSIPCOP, sizes, false);
}
