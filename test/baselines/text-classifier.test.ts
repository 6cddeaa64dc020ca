import { describe, expect, it } from '@jest/globals';
import type { ModelInstance } from '../../core/contracts/model.js';
import type { Sample } from '../../core/contracts/sample.js';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { defineClassificationTask } from '../../core/tasks/classification-task.js';
import { seededRandom, type Random } from '../../core/util/random.js';
import { textClassifierBaseline } from '../../plugins/models/text-classifier.js';
import { answer, pluginContext, stream } from './harness.js';

const CLASS_WORDS: Record<string, readonly string[]> = {
  cat: ['meow', 'purr', 'whisker', 'kitten', 'litter', 'feline', 'catnip', 'tabby', 'claw', 'hiss'],
  dog: ['bark', 'woof', 'puppy', 'leash', 'fetch', 'canine', 'kennel', 'bone', 'wag', 'howl'],
  bird: ['tweet', 'feather', 'wing', 'nest', 'beak', 'chirp', 'flock', 'perch', 'egg', 'sing'],
};
/** Forms of the class words never seen in training: only sub-word features can recognise them. */
const UNSEEN_FORMS: Record<string, readonly string[]> = {
  cat: ['meowing', 'purring', 'whiskers', 'kittens', 'felines', 'hissing'],
  dog: ['barking', 'woofs', 'puppies', 'leashes', 'kennels', 'howling'],
};
const NEUTRAL = ['the', 'a', 'my', 'is', 'so', 'very', 'today', 'again', 'look', 'at', 'this', 'our', 'new'];

/** The answer phrase of a label is the label in capitals, so answers and labels are told apart. */
function animalTask(labels: readonly string[]): TaskPlugin {
  return defineClassificationTask({
    id: 'toy-animals',
    version: '1',
    description: 'Which animal does the text talk about?',
    dataset: {},
    splits: { eval: 'test', train: 'train' },
    prompt: 'Which animal?',
    choices: Object.fromEntries(labels.map((label) => [label, [label.toUpperCase()]])),
    gold: (raw) => (typeof raw === 'string' ? raw : undefined),
  }) as TaskPlugin;
}

function pick(words: readonly string[], random: Random): string {
  return words[random.int(0, words.length - 1)]!;
}

/** `n` posts per label: two words of the label among three neutral ones, in random order. */
function posts(vocabulary: Record<string, readonly string[]>, n: number, seed: number): Sample<string>[] {
  const random = seededRandom(seed);
  return Object.entries(vocabulary).flatMap(([label, words]) =>
    Array.from({ length: n }, (_, i) => {
      const tokens = [pick(words, random), pick(words, random), pick(NEUTRAL, random), pick(NEUTRAL, random), pick(NEUTRAL, random)];
      tokens.sort(() => random.float() - 0.5);
      return { id: `${label}-${seed}-${i}`, gold: label, text: tokens.join(' ') };
    }),
  );
}

async function fitted(train: readonly Sample<string>[], task: TaskPlugin, raw: Record<string, unknown> = {}): Promise<ModelInstance> {
  const model = textClassifierBaseline.create(textClassifierBaseline.options(raw), pluginContext());
  await model.fit!(stream(train), task);
  return model;
}

async function accuracy(model: ModelInstance, task: TaskPlugin, samples: readonly Sample<string>[]): Promise<number> {
  let correct = 0;
  for (const sample of samples) if ((await answer(model, task, sample)) === task.answer(sample.gold, {})) correct++;
  return correct / samples.length;
}

describe('baseline/text-classifier', () => {
  const twoClasses = { cat: CLASS_WORDS.cat!, dog: CLASS_WORDS.dog! };
  const task = animalTask(['cat', 'dog']);

  it('fits a separable two-class problem perfectly and generalises to held-out posts', async () => {
    const train = posts(twoClasses, 50, 1);
    const model = await fitted(train, task);
    expect(await accuracy(model, task, train)).toBe(1);
    expect(await accuracy(model, task, posts(twoClasses, 50, 2))).toBeGreaterThanOrEqual(0.95);
  });

  it('recognises word forms it never saw through character n-grams', async () => {
    const model = await fitted(posts(twoClasses, 50, 1), task);
    expect(await accuracy(model, task, posts(UNSEEN_FORMS, 30, 3))).toBeGreaterThanOrEqual(0.9);
  });

  it('separates three classes', async () => {
    const threeClasses = animalTask(['cat', 'dog', 'bird']);
    const train = posts(CLASS_WORDS, 40, 4);
    const model = await fitted(train, threeClasses);
    expect(await accuracy(model, threeClasses, train)).toBe(1);
    expect(await accuracy(model, threeClasses, posts(CLASS_WORDS, 30, 5))).toBeGreaterThanOrEqual(0.95);
  });

  it('gives the same predictions for the same seed', async () => {
    // Noisy labels, where the folds the seed deals decide which penalty wins the close calls.
    const train = posts(twoClasses, 20, 6).map((sample, i) => (i % 4 === 0 ? { ...sample, gold: sample.gold === 'cat' ? 'dog' : 'cat' } : sample));
    const probes = posts({ mixed: [...twoClasses.cat, ...twoClasses.dog] }, 60, 7);
    const predictions = async () => {
      const model = await fitted(train, task, { seed: 3 });
      return Promise.all(probes.map((probe) => answer(model, task, probe)));
    };
    const first = await predictions();
    expect(new Set(first)).toEqual(new Set(['CAT', 'DOG']));
    expect(await predictions()).toEqual(first);
  });

  it('reads a missing or empty text as no words, answering what such posts were in training', async () => {
    const silentDogs = Array.from({ length: 10 }, (_, i) => ({ id: `silent-${i}`, gold: 'dog', text: i % 2 ? '' : undefined }));
    const model = await fitted([...posts(twoClasses, 10, 8), ...silentDogs], task);
    expect(await answer(model, task, { id: 'empty', gold: 'dog', text: '' })).toBe('DOG');
    expect(await answer(model, task, { id: 'missing', gold: 'dog' })).toBe('DOG');
  });

  it('logs what cross-validation chose and why: every candidate\'s held-out scores', async () => {
    const lines: string[] = [];
    const context = { ...pluginContext(), logger: { ...pluginContext().logger, info: (line: string) => lines.push(line) } };
    const model = textClassifierBaseline.create(textClassifierBaseline.options({ C: [1] }), context);
    await model.fit!(stream(posts(twoClasses, 20, 10)), task);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^baseline\/text-classifier on toy-animals: 5-fold held-out log-loss\/accuracy\/macro-F1 of the train split: majority [\d.]+\/0\.500\/0\.333, words\+chars C=1 [\d.]+\/1\.000\/1\.000, words C=1 [\d.]+\/[\d.]+\/[\d.]+; chose words\+chars C=1$/,
    );
  });

  it('refuses a task without labels, naming it', async () => {
    const { labels: _, ...unlabelled } = task;
    await expect(fitted(posts(twoClasses, 2, 9), { ...unlabelled, id: 'free-text' })).rejects.toThrow(
      'baseline/text-classifier needs a classification task; free-text has no labels',
    );
  });

  it('refuses a gold value that is not one of the labels, and an empty train split', async () => {
    await expect(fitted([{ id: 'x', gold: 'horse', text: 'neigh' }], task)).rejects.toThrow(/sample x of toy-animals has gold "horse", not one of cat, dog/);
    await expect(fitted([], task)).rejects.toThrow(/no samples in its train split/);
  });

  it('validates its options strictly and names them in its identity', () => {
    const options = textClassifierBaseline.options({});
    expect(options).toEqual({ seed: 0, folds: 5, C: [0.1, 0.3, 1, 3, 10, 30] });
    expect(textClassifierBaseline.create(textClassifierBaseline.options({ seed: 7, C: [0.1, 10] }), pluginContext()).identity).toBe(
      'baseline/text-classifier:seed=7,folds=5,C=0.1/10',
    );
    expect(() => textClassifierBaseline.options({ epochs: 3 })).toThrow(/epochs/);
    expect(() => textClassifierBaseline.options({ folds: 1 })).toThrow();
    expect(() => textClassifierBaseline.options({ l2: [0.1] })).toThrow(/l2/);
    expect(() => textClassifierBaseline.options({ C: [] })).toThrow();
    expect(() => textClassifierBaseline.options({ C: [0.1, 0] })).toThrow();
  });
});
