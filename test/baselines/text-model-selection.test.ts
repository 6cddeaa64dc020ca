import { describe, expect, it } from '@jest/globals';
import { minimise } from '../../plugins/models/lbfgs.js';
import { textFeatures } from '../../plugins/models/text-features.js';
import { SoftmaxRegression, TrainingSet } from '../../plugins/models/text-softmax-regression.js';
import { describeCandidate, fitChosen, selectModel, type LabelledText } from '../../plugins/models/text-model-selection.js';
import { captions, type CorpusSpec } from './caption-corpus.js';

const SETTINGS = { grid: [10, 0.1, 1], folds: 5, seed: 0 };

function labelled(spec: Omit<CorpusSpec, 'sizes'>, size: number): LabelledText[] {
  return captions({ ...spec, sizes: { train: size } }).train!.map(({ text, minority }) => ({ text, label: minority ? 1 : 0 }));
}

describe('L-BFGS', () => {
  it('finds the minimum of a badly scaled convex quadratic and of the Rosenbrock valley', () => {
    // f(x) = Σ scale_i (x_i - i)²: curvatures 1 to 10,000 apart.
    const scales = [1, 100, 10_000];
    const quadratic = minimise((x, gradient) => {
      let value = 0;
      x.forEach((xi, i) => {
        value += scales[i]! * (xi - i) ** 2;
        gradient[i] = 2 * scales[i]! * (xi - i);
      });
      return value;
    }, new Float64Array(3));
    [...quadratic].forEach((xi, i) => expect(xi).toBeCloseTo(i, 4));
    const rosenbrock = minimise(([a, b], gradient) => {
      gradient[0] = -2 * (1 - a!) - 400 * a! * (b! - a! * a!);
      gradient[1] = 200 * (b! - a! * a!);
      return (1 - a!) ** 2 + 100 * (b! - a! * a!) ** 2;
    }, Float64Array.from([-1.2, 1]));
    expect(rosenbrock[0]).toBeCloseTo(1, 3);
    expect(rosenbrock[1]).toBeCloseTo(1, 3);
  });
});

describe('softmax regression', () => {
  const set = new TrainingSet(
    ['red apple', 'green apple pie', 'blue sky', 'sky is blue', 'apple sky'].map((text, i) => ({ features: textFeatures(text), label: i % 3 })),
    3,
  );

  it('has the gradient its objective has (central differences)', () => {
    const theta = Float64Array.from({ length: set.parameters }, (_, i) => Math.sin(i) / 2);
    const gradient = new Float64Array(set.parameters);
    set.objective(0.01, theta, gradient);
    const scratch = new Float64Array(set.parameters);
    // A weight of each class, and the intercepts (the last three).
    for (const i of [0, 1, 2, 7, set.parameters - 3, set.parameters - 2, set.parameters - 1]) {
      const at = (delta: number) => set.objective(0.01, Float64Array.from(theta, (v, j) => (j === i ? v + delta : v)), scratch);
      expect(gradient[i]).toBeCloseTo((at(1e-6) - at(-1e-6)) / 2e-6, 6);
    }
  });

  it('answers the class shares of its examples when a strong penalty leaves only the (unpenalised) intercepts', () => {
    // Labels 0, 1, 2, 0, 1.
    const probabilities = SoftmaxRegression.fit(set, 1e3).probabilities(textFeatures('red apple'));
    [0.4, 0.4, 0.2].forEach((share, k) => expect(probabilities[k]).toBeCloseTo(share, 3));
  });
});

describe('choosing the text model by cross-validation', () => {
  it('chooses the majority class when the words say nothing about the label, and says so in its scores', () => {
    const texts = labelled({ seed: 31, minorityShare: 0.25, cue: { minority: 0.3, majority: 0.3 } }, 400);
    const selection = selectModel(texts, 2, SETTINGS);
    expect(selection.chosen).toBe('prior');
    expect(selection.folds).toBe(5);
    // The prior first, then every feature set with every C, strongest penalty (smallest C) first.
    expect(selection.scores.map((score) => describeCandidate(score.candidate))).toEqual([
      'majority',
      ...['words+chars', 'words'].flatMap((features) => ['0.1', '1', '10'].map((C) => `${features} C=${C}`)),
    ]);
    const predict = fitChosen(texts, 2, selection.chosen);
    expect(new Set(texts.map(({ text }) => predict(text)))).toEqual(new Set([0]));
  });

  it('chooses a text model when cue words carry the label, one that predicts both classes', () => {
    const texts = labelled({ seed: 32, minorityShare: 0.3, cue: { minority: 0.9, majority: 0.05 } }, 400);
    const selection = selectModel(texts, 2, SETTINGS);
    expect(selection.chosen).not.toBe('prior');
    const [prior, ...models] = selection.scores;
    const chosen = models.find((score) => score.candidate === selection.chosen)!;
    expect(chosen.logLoss).toBeLessThan(prior!.logLoss);
    expect(chosen.macroF1).toBeGreaterThan(prior!.macroF1);
    expect(chosen.accuracy).toBeGreaterThanOrEqual(prior!.accuracy);
    const predict = fitChosen(texts, 2, selection.chosen);
    expect(new Set(texts.map(({ text }) => predict(text)))).toEqual(new Set([0, 1]));
  });

  it('answers the only class of a one-class train split without cross-validating, the lowest index on a tie', () => {
    const only = [{ text: 'a b', label: 1 }, { text: 'c', label: 1 }];
    expect(selectModel(only, 3, SETTINGS)).toEqual({ chosen: 'prior', scores: [], folds: 0 });
    expect(fitChosen(only, 3, 'prior')('anything')).toBe(1);
    expect(fitChosen([{ text: 'x', label: 2 }, { text: 'y', label: 1 }], 3, 'prior')('x')).toBe(1);
  });

  it('holds out one text at a time when the split has fewer texts than folds', () => {
    const tiny = [{ text: 'yes yes', label: 0 }, { text: 'no no', label: 1 }, { text: 'yes', label: 0 }];
    expect(selectModel(tiny, 2, SETTINGS).folds).toBe(3);
  });

  it('deals the same folds, hence makes the same choice, for the same seed', () => {
    const texts = labelled({ seed: 33, minorityShare: 0.3, cue: { minority: 0.5, majority: 0.1 } }, 200);
    expect(selectModel(texts, 2, SETTINGS)).toEqual(selectModel(texts, 2, SETTINGS));
  });
});
