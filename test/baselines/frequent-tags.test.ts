import { describe, expect, it } from '@jest/globals';
import type { ModelInstance } from '../../core/contracts/model.js';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { frequentTagsBaseline } from '../../plugins/models/frequent-tags.js';
import { answer, pluginContext, stream } from './harness.js';

/** A tagging task as the baseline sees it: gold values are tag lists, answered comma-separated. */
const tagging: TaskPlugin<readonly string[]> = {
  id: 'toy-tagging',
  version: '1',
  description: 'Tags of a video',
  dataset: {},
  splits: { eval: 'test', train: 'train' },
  metrics: ['tag-f1'],
  async *load() {},
  prompt: () => [{ role: 'user', content: 'Tags?' }],
  parse: (output) => ({ value: output.split(','), valid: true }),
  answer: (tags) => tags.join(','),
};

async function fittedOn(golds: readonly unknown[]): Promise<ModelInstance> {
  const model = frequentTagsBaseline.create(frequentTagsBaseline.options({}), pluginContext());
  await model.fit!(stream(golds.map((gold, i) => ({ id: `v${i}`, gold }))), tagging as TaskPlugin);
  return model;
}

const answerOf = (model: ModelInstance) => answer(model, tagging as TaskPlugin, { id: 'probe', gold: [] });

describe('baseline/frequent-tags', () => {
  it('answers the median number of the most frequent tags, ties in alphabetical order', async () => {
    // Counts: Music 4, Sport 2, Film 2, Pet 1, Tennis 1. Tags per sample: 1 2 2 2 3, median 2.
    // Film and Sport tie for second place: Film comes first alphabetically.
    const model = await fittedOn([['Music', 'Sport'], ['Film', 'Music'], ['Music', 'Sport', 'Tennis'], ['Film'], ['Pet', 'Music']]);
    expect(await answerOf(model)).toBe('Music,Film');
  });

  it('rounds an even-count median half up, and counts a tag listed twice in a sample once', async () => {
    // Tags per sample (duplicates removed): 1 2 3 3, median 2.5 -> 3. Counts: B 4, A 2, C 2, D 1.
    const model = await fittedOn([['B', 'B'], ['B', 'A'], ['C', 'B', 'A'], ['D', 'C', 'B', 'B', 'B', 'B']]);
    expect(await answerOf(model)).toBe('B,A,C');
  });

  it('answers at least one tag when most samples have none', async () => {
    // Tags per sample: 0 0 0 1 2, median 0.
    const model = await fittedOn([[], [], [], ['Golf', 'Sport'], ['Sport']]);
    expect(await answerOf(model)).toBe('Sport');
  });

  it('refuses gold values that are not string arrays, and an empty train split', async () => {
    await expect(fittedOn([['Music'], 'Music'])).rejects.toThrow(
      'baseline/frequent-tags needs tag lists (string arrays) as gold; sample v1 of toy-tagging has "Music"',
    );
    await expect(fittedOn([['Music', 3]])).rejects.toThrow(/sample v0 of toy-tagging has \["Music",3\]/);
    await expect(fittedOn([])).rejects.toThrow(/no samples in its train split/);
  });

  it('has no options and needs no images', () => {
    expect(() => frequentTagsBaseline.options({ k: 3 })).toThrow(/k/);
    expect(frequentTagsBaseline.create({}, pluginContext()).needsImages).toBe(false);
  });
});
