import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import type { ModelInstance, ModelPlugin } from '../../core/contracts/model.js';
import type { Sample } from '../../core/contracts/sample.js';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { accuracy, macroF1 } from '../../plugins/metrics/classification.js';
import { majorityBaseline } from '../../plugins/models/baselines.js';
import { textClassifierBaseline } from '../../plugins/models/text-classifier.js';
import { hateSpeech } from '../../plugins/tasks/hate-speech.js';
import { motivational } from '../../plugins/tasks/memotion.js';
import { loadSplit, writeHatefulMemesLike, writeMemotionLike, type CorpusSpec } from './caption-corpus.js';
import { answer, pluginContext, stream } from './harness.js';

/*
 * The text baseline must be a floor people can publish: never worse than answering the majority
 * class where the text says nothing, clearly better where it does. The corpora (caption-corpus.ts)
 * were not used to tune the model; each is written as Hub parquet and read through the real task.
 */

const root = mkdtempSync(join(tmpdir(), 'text-floor-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Scores {
  readonly accuracy: number;
  readonly macroF1: number;
  /** How many held-out samples got each answer. */
  readonly answers: Readonly<Record<string, number>>;
}

async function scores(model: ModelInstance, task: TaskPlugin, samples: readonly Sample[]): Promise<Scores> {
  const records: PredictionRecord[] = [];
  const answers: Record<string, number> = {};
  for (const sample of samples) {
    const output = await answer(model, task, sample);
    answers[output] = (answers[output] ?? 0) + 1;
    const { value, valid } = task.parse(output, sample, {});
    records.push({ id: sample.id, hash: '', output, prediction: value, gold: sample.gold, valid, error: null, latencyMs: 0 });
  }
  const context = { labels: task.labels };
  return { accuracy: accuracy.compute(records, context).accuracy!, macroF1: macroF1.compute(records, context)['macro-f1']!, answers };
}

/** Fits the text classifier and the majority baseline on the train split, scores both on validation. */
async function compare(name: string, task: TaskPlugin, write: (dir: string, spec: CorpusSpec) => void, spec: Omit<CorpusSpec, 'sizes'>) {
  const dir = join(root, name);
  write(dir, { ...spec, sizes: { train: 800, validation: 800 } });
  const [train, validation] = await Promise.all([loadSplit(task, dir, 'train'), loadSplit(task, dir, 'validation')]);
  const run = async (plugin: ModelPlugin<never>) => {
    const model = plugin.create(plugin.options({}) as never, pluginContext());
    await model.fit!(stream(train), task);
    return scores(model, task, validation);
  };
  return { text: await run(textClassifierBaseline as ModelPlugin<never>), majority: await run(majorityBaseline as ModelPlugin<never>) };
}

describe('baseline/text-classifier as a floor', () => {
  it('answers like the majority class on motivational-like captions whose words say nothing (1:3 imbalance)', async () => {
    const { text, majority } = await compare('no-signal', motivational, writeMemotionLike, {
      seed: 21,
      minorityShare: 0.25,
      cue: { minority: 0.3, majority: 0.3 },
    });
    expect(majority.answers).toEqual({ not_motivational: 800 });
    expect(text.accuracy).toBeGreaterThanOrEqual(majority.accuracy);
  });

  it('does not trade accuracy for a cue too weak to outweigh the 1:3 prior', async () => {
    // A cue in 35% of motivational and 15% of other captions: P(motivational | cue) = 0.44, so the
    // majority answer stays the better bet even when the cue is there.
    const { text, majority } = await compare('weak-signal', motivational, writeMemotionLike, {
      seed: 22,
      minorityShare: 0.25,
      cue: { minority: 0.35, majority: 0.15 },
    });
    expect(text.accuracy).toBeGreaterThanOrEqual(majority.accuracy);
  });

  it('clearly beats the majority class on hateful-like captions whose cue words carry the label', async () => {
    // P(hateful | cue) = 0.72 at a 30% hateful share, with a tenth of benign captions carrying a cue too.
    const { text, majority } = await compare('signal', hateSpeech, writeHatefulMemesLike, {
      seed: 23,
      minorityShare: 0.3,
      cue: { minority: 0.6, majority: 0.1 },
    });
    expect(text.accuracy).toBeGreaterThan(majority.accuracy);
    expect(text.macroF1).toBeGreaterThan(majority.macroF1 + 0.1);
    expect(text.answers.Yes).toBeGreaterThan(0);
  });
});
