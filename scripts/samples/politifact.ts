import { makeNews, type NewsVocabulary } from './news.js';

/** Political news: invented politicians and towns, real-sounding claims. */
const POLITIFACT: NewsVocabulary = {
  seed: 31,
  imagePrefix: 'politifact',
  fakeShare: 0.5,
  topics: [
    {
      scenes: ['rally'],
      lead: {
        true: [
          '{politician} told supporters in {city} on {weekday} that the campaign would focus on jobs and schools.',
          'Election officials in {state} said early voting turnout was slightly higher than in the last cycle.',
        ],
        fake: [
          'SHOCKING: {politician} caught rigging ballots in {city}, and a leaked video PROVES it!',
          'BREAKING: millions of fake votes discovered in {state}, and the media is hiding it!',
        ],
      },
      body: [
        'Polls in {state} show the race within a few points.',
        'The candidate promised to hold town hall meetings in every county.',
        'Volunteers handed out flyers before the rally began.',
        'The campaign said it had raised more money than expected this quarter.',
      ],
    },
    {
      scenes: ['skyline'],
      lead: {
        true: [
          'The {state} labor department reported that unemployment fell slightly last month.',
          '{politician} said the new budget keeps taxes on small businesses unchanged.',
        ],
        fake: [
          'Banks are SECRETLY planning to seize savings accounts next week, insiders reveal!',
          'EXPOSED: {politician} hid a secret fortune in offshore accounts while cutting your benefits!',
        ],
      },
      body: [
        'Economists said the figures were in line with expectations.',
        'Wages rose modestly over the same period.',
        'Business groups welcomed the news but warned about rising costs.',
        'The state treasurer will present the full accounts in the spring.',
      ],
    },
    {
      scenes: ['hospital'],
      lead: {
        true: [
          '{politician} announced a plan to extend opening hours at public clinics in {state}.',
          'Health officials in {city} said flu cases this winter were lower than last year.',
        ],
        fake: [
          'Doctors STUNNED: a miracle fruit cures every disease, and {politician} wants it banned!',
          'Hospitals in {city} are secretly turning away patients on government orders, nurses reveal!',
        ],
      },
      body: [
        'The plan would add evening appointments at twelve clinics.',
        'Hospital staff said waiting times had improved since the spring.',
        'The health department will publish its yearly report in June.',
      ],
    },
    {
      scenes: ['wind-farm'],
      lead: {
        true: [
          'A new wind farm near {city} will supply power to about forty thousand homes, the utility said.',
          '{politician} proposed a tax credit for farmers who install solar panels.',
        ],
        fake: [
          'Wind turbines are making people sick, and a secret government report PROVES it!',
          'Scientists paid to hide the truth: the climate numbers are a total hoax!',
        ],
      },
      body: [
        'Construction of the turbines is expected to take two years.',
        'Local farmers will lease part of their land to the energy company.',
        'The utility said electricity prices would not change this year.',
      ],
    },
    {
      scenes: ['capitol', 'press-room'],
      lead: {
        true: [
          'The {state} senate passed a bill on school funding by a narrow vote on {weekday}.',
          'A spokesperson for {politician} said the budget proposal would be released on {weekday}.',
        ],
        fake: [
          'Lawmakers QUIETLY voted to double their own salaries overnight, and nobody noticed!',
          'UNBELIEVABLE: {politician} admits the whole budget is a hoax in a leaked recording!',
        ],
      },
      body: [
        'The measure now goes to the house, where its fate is less certain.',
        'Teachers unions said the bill was a step in the right direction.',
        'The governor has not said whether she will sign it.',
      ],
    },
  ],
  slots: {
    politician: ['Senator Dana Whitfield', 'Governor Luis Ortega', 'Representative Amy Chen', 'Mayor Tom Becker', 'Senator Ray Holloway'],
    city: ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Oak Hill'],
    state: ['Ohio', 'Arizona', 'Georgia', 'Michigan', 'Nevada'],
    weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  },
  sober: [
    'Officials said more details would be released next week.',
    'The figures come from a report published by the state office.',
    'Both parties said they would study the proposal before the next session.',
    'Reporters could not reach the campaign for further comment on Friday.',
    'Analysts noted that similar plans had been discussed in previous years.',
    'Records show the program was first proposed two years ago.',
    'A public hearing is scheduled for later this month.',
    'Critics said the plan did not go far enough, while supporters called it a good start.',
    'The office published the full data on its website.',
    'The statement was confirmed by two people familiar with the matter.',
    'According to the report, the changes would take effect at the start of next year.',
    'The numbers will be reviewed again after the summer.',
  ],
  sensational: [
    'Share this before it gets deleted!',
    'The mainstream media will never tell you this.',
    'Insiders say the truth has been hidden for years.',
    'You will not believe what happened next.',
    'This is the biggest scandal in history, and they are covering it up.',
    'Wake up, people, the evidence is everywhere!',
    'Experts are SHOCKED and speechless.',
    'Thousands of patriots are already sharing the secret documents.',
    'They do not want you to know this.',
    'The cover-up goes all the way to the top.',
    'Unbelievable footage shows everything they tried to hide.',
    'Act now before it is too late!',
  ],
  related: ['rally', 'capitol', 'press-room'],
  loose: ['street', 'skyline'],
  unrelated: ['beach', 'concert', 'forest', 'stadium'],
};

/** PolitiFact sample, with the reference columns the generation and relevance tasks read. */
export function makePolitiFact(dir: string, sizes: Readonly<Record<string, number>>): Promise<void> {
  return makeNews(dir, POLITIFACT, sizes, true);
}
