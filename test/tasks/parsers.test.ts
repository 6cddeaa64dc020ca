import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import type { Sample, TaskPlugin } from '../../core/contracts/index.js';
import { builtinTasks } from '../../plugins/tasks/index.js';
import { parseQuoted } from '../../plugins/tasks/ocr.js';
import { parseTopics } from '../../plugins/tasks/tagging.js';

const byId = new Map(builtinTasks.map((t) => [t.id, t as TaskPlugin<any, any>]));
function task(id: string): TaskPlugin<any, any> {
  const found = byId.get(id);
  if (!found) throw new Error(`no task ${id}`);
  return found;
}
const options = (t: TaskPlugin<any, any>) => t.options?.({}) ?? {};
const sample: Sample = { id: 's', gold: null };
const parse = (id: string, output: string) => task(id).parse(output, sample, options(task(id)));

describe('classification parsers', () => {
  it.each([
    ['misinformation-politifact', 'Yes.', 'fake', true],
    ['misinformation-politifact', 'No, this is real reporting.', 'true', true],
    ['misinformation-gossipcop', 'This is not misinformation.', 'true', true],
    ['misinformation-gossipcop', 'It is misinformation', 'fake', true],
    ['hate-speech', '**Yes**', 'hateful', true],
    ['hate-speech', 'The meme is not hateful', 'not hateful', true],
    ['humor', "'not_humorous'", 'not_humorous', true],
    ['humor', 'Humorous.', 'humorous', true],
    ['humor', 'not humorous', 'not_humorous', true],
    ['sarcasm', 'sarcastic', 'sarcastic', true],
    ['sarcasm', 'NOT_SARCASTIC', 'not_sarcastic', true],
    ['offensive', '<think>could be offensive</think>not_offensive', 'not_offensive', true],
    ['motivational', 'motivational', 'motivational', true],
    ['sentiment', 'Positive', 'positive', true],
    ['sentiment', 'The overall sentiment is negative.', 'negative', true],
    ['sentiment', 'neutral', 'neutral', true],
    ['relevance', 'Somewhat Relevant', 'Somewhat Relevant', true],
    ['relevance', 'not relevant', 'Not Relevant', true],
    ['relevance', 'Very relevant.', 'Very Relevant', true],
    ['relevance', 'Relevant', 'Relevant', true],
  ])('%s reads %j as %s', (id, output, value, valid) => {
    expect(parse(id, output)).toEqual({ value, valid });
  });

  it('reads an answer that repeats the post and the question without them', () => {
    const t = task('misinformation-politifact');
    const post: Sample = { id: 'p', gold: null, text: 'Viral post says the election was fake and the results are false' };
    const asked = (t.prompt(post, options(t))[0]!.content as { type: string; text?: string }[]).find((p) => p.type === 'text')!.text!;
    expect(t.parse(`${asked}\nNo`, post, options(t))).toEqual({ value: 'true', valid: true });
    expect(t.parse(`${asked}\nYes, this is misinformation.`, post, options(t))).toEqual({ value: 'fake', valid: true });
    expect(t.parse("Is this news (image-text pair) misinformation? Answer 'Yes' or 'No'. No", post, options(t))).toEqual({ value: 'true', valid: true });
  });

  it.each([
    ['hate-speech', 'Maybe'],
    ['humor', 'It is humorous but also not_humorous'],
    ['sentiment', 'positive and negative at once'],
    ['sentiment', ''],
    ['misinformation-politifact', 'I cannot verify this.'],
  ])('%s rejects %j', (id, output) => {
    expect(parse(id, output)).toEqual({ value: null, valid: false });
  });
});

describe('OCR parser', () => {
  it.each([
    ['"WHEN YOU SEE IT"', 'WHEN YOU SEE IT', true],
    ['The text says: "me at 3am"', 'me at 3am', true],
    ['\u201Ctypographic quotes\u201D', 'typographic quotes', true],
    ['"top text" and "bottom text"', 'top text bottom text', true],
    ['<think>it says "nothing"</think>"real answer"', 'real answer', true],
    ['no quotes here', 'no quotes here', false],
    ['', '', false],
  ])('%j -> %j', (output, value, valid) => {
    expect(parseQuoted(output)).toEqual({ value, valid });
  });
});

describe('tagging parser', () => {
  it.each([
    ['music,pop_music, Entertainment', ['Music', 'Pop_music', 'Entertainment'], true],
    ['Hip hop music; role playing video game', ['Hip_hop_music', 'Role-playing_video_game'], true],
    ['"sports","tennis","french-open"', ['Tennis'], true],
    ['**Film**\n- Television program', ['Film', 'Television_program'], true],
    ['music, Music, MUSIC', ['Music'], true],
    ['cats, funny, cute', [], false],
  ])('%j -> %j', (output, value, valid) => {
    expect(parseTopics(output, 'mmsoc')).toEqual({ value, valid });
  });

  it('keeps tags outside the 62 topics when topicSet is all', () => {
    expect(parseTopics('music, cats', 'all')).toEqual({ value: ['Music', 'cats'], valid: true });
    expect(parseTopics('Here are the tags: Music, street food\n- #cats #dogs', 'all')).toEqual({ value: ['Music', 'street_food', 'cats', 'dogs'], valid: true });
  });
});

describe('every task parser', () => {
  it('never throws and is deterministic on arbitrary output', () => {
    const outputs = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('Yes', 'No', '"quoted"', '<think>', '</think>', 'music,film', 'not_humorous', '**', '\u0000', '\uD800'),
    );
    for (const t of builtinTasks as TaskPlugin<any, any>[]) {
      fc.assert(
        fc.property(fc.array(outputs, { maxLength: 5 }).map((parts) => parts.join(' ')), (output) => {
          const first = t.parse(output, sample, options(t));
          expect(t.parse(output, sample, options(t))).toEqual(first);
          expect(typeof first.valid).toBe('boolean');
        }),
        { seed: 7, numRuns: 200 },
      );
    }
  });

  it('parses every task\'s own canonical answer back to the gold value', () => {
    const golds: Record<string, unknown[]> = {
      ocr: ['WHEN YOU SEE IT'],
      tagging: [['Music', 'Pop_music']],
      'image-description': ['A red sun over a green field.'],
      'social-context': ['A political rally.'],
    };
    for (const t of builtinTasks as TaskPlugin<any, any>[]) {
      for (const gold of golds[t.id] ?? t.labels ?? []) {
        expect(t.parse(t.answer(gold, options(t)), { id: 'x', gold }, options(t))).toEqual({ value: gold, valid: true });
      }
    }
  });
});
