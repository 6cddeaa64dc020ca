import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { parseChoice } from '../../core/tasks/parse-choice.js';

const hate = { hateful: ['Yes', 'hateful'], 'not hateful': ['No', 'not hateful'] };
const humor = { humorous: ['humorous'], not_humorous: ['not_humorous'] };

describe('parseChoice', () => {
  it.each([
    ['Yes', 'hateful', true],
    ['yes.', 'hateful', true],
    ['**No**', 'not hateful', true],
    ['"No"', 'not hateful', true],
    ["'Yes'", 'hateful', true],
    ['Yes, this meme is hateful because it targets a group.', 'hateful', true],
    ['<think>It could be yes... but no.</think>No', 'not hateful', true],
    ['reasoning cut short</think> Yes', 'hateful', true],
    ['The meme is not hateful.', 'not hateful', true],
    ['Answer: Yes', 'hateful', true],
    ['  NO  ', 'not hateful', true],
  ])('%j -> %s (valid %s)', (output, value, valid) => {
    expect(parseChoice(output, hate)).toEqual({ value, valid });
  });

  it.each([
    ['', null],
    ['I cannot tell.', null],
    ['<think>yes</think>', null],
    ['<think>still thinking, yes', null],
    ['It is hateful and also not hateful', null],
    ['Yesterday was fun', null],
  ])('%j is invalid', (output, value) => {
    expect(parseChoice(output, hate)).toEqual({ value, valid: false });
  });

  it('reads the longer label first, so not_humorous is never read as humorous', () => {
    expect(parseChoice('not_humorous', humor)).toEqual({ value: 'not_humorous', valid: true });
    expect(parseChoice('This meme is not humorous.', humor)).toEqual({ value: 'not_humorous', valid: true });
    expect(parseChoice('Humorous!', humor)).toEqual({ value: 'humorous', valid: true });
  });

  it('reads a label in a long answer but does not count the answer as following the format', () => {
    const long = `After looking at the picture carefully and thinking about the words on it for a while I would say that overall it is hateful in tone`;
    expect(parseChoice(long, hate)).toEqual({ value: 'hateful', valid: false });
  });

  it('never throws and is deterministic on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (output) => {
        const first = parseChoice(output, hate);
        expect(parseChoice(output, hate)).toEqual(first);
        expect(first.value === null || first.value === 'hateful' || first.value === 'not hateful').toBe(true);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('parseChoice with a declared reading', () => {
  const humorReading = { yes: 'humorous', no: 'not_humorous' };
  const sentiment = { positive: ['positive'], neutral: ['neutral'], negative: ['negative'] };

  it('maps yes / no through the question to the declared labels', () => {
    expect(parseChoice('Yes', humor, humorReading)).toEqual({ value: 'humorous', valid: true });
    expect(parseChoice('No, not really.', humor, humorReading)).toEqual({ value: 'not_humorous', valid: true });
    expect(parseChoice('Yes', humor)).toEqual({ value: null, valid: false });
  });

  it('reads a negated label as the other side of a yes/no question', () => {
    expect(parseChoice("It isn't humorous", humor, humorReading)).toEqual({ value: 'not_humorous', valid: true });
    expect(parseChoice('I do not think it is not_humorous', humor, humorReading)).toEqual({ value: 'humorous', valid: true });
  });

  it('gives no label for a negated label the task has no opposite for', () => {
    expect(parseChoice('It is not positive.', sentiment)).toEqual({ value: null, valid: false });
    expect(parseChoice('Not negative, neutral.', sentiment)).toEqual({ value: 'neutral', valid: true });
    expect(parseChoice('Not negative.', sentiment, { negated: { negative: 'positive' } })).toEqual({ value: 'positive', valid: true });
  });

  it('reads Yes / No phrases among the choices as the yes / no labels', () => {
    expect(parseChoice("This meme isn't hateful.", hate)).toEqual({ value: 'not hateful', valid: true });
    expect(parseChoice('Is this meme hateful? No', hate)).toEqual({ value: 'not hateful', valid: true });
  });

  it('abstains on hedges and refusals even when they name a label', () => {
    for (const output of ['I cannot determine whether this meme is hateful.', 'Difficult to say; maybe hateful.', 'As an AI, I would not call it hateful.']) {
      expect(parseChoice(output, hate)).toEqual({ value: null, valid: false });
    }
  });
});
