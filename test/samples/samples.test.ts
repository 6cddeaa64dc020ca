import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { DatasetSource } from '../../core/contracts/dataset.js';
import { isSkipped, type LoadedItem, type Row, type Sample } from '../../core/contracts/sample.js';
import type { TaskPlugin } from '../../core/contracts/task.js';
import { openDatasetSource } from '../../core/data/open-source.js';
import { PACKAGE_DIR } from '../../core/run/package-dir.js';
import { builtinTasks } from '../../plugins/tasks/index.js';
import { MMSOC_TOPICS } from '../../plugins/tasks/topics.js';
import { makeSamples } from '../../scripts/samples/make-all.js';
import { collect } from '../fixtures/collect.js';

const SAMPLES = join(PACKAGE_DIR, 'data', 'samples');
const MAX_BYTES = 3 * 1024 * 1024;
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

const tasks = builtinTasks as readonly TaskPlugin[];

/** Relative path -> bytes of every file under `root`. */
function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}


const sourceOf = (task: TaskPlugin) => openDatasetSource(task.dataset, PACKAGE_DIR);
const optionsOf = (task: TaskPlugin) => task.options?.({}) ?? {};
const rowsOf = (dataset: string, split: string) => collect(openDatasetSource({ path: join(SAMPLES, dataset) }, PACKAGE_DIR).rows(split));

async function loaded(task: TaskPlugin, source: DatasetSource, split: string): Promise<LoadedItem[]> {
  return collect(task.load(source, split, optionsOf(task)));
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('bundled samples through the built-in tasks', () => {
  const cases = tasks.flatMap((task) => [...new Set([task.splits.eval, task.splits.train ?? task.splits.eval])].map((split) => [task.id, split, task] as const));

  test.each(cases)('%s loads every row of %s, each with gold and a JPEG image', async (_id, split, task) => {
    const source = sourceOf(task);
    const items = await loaded(task, source, split);
    expect(items.filter(isSkipped)).toEqual([]);
    expect(items).toHaveLength((await source.count?.(split)) ?? -1);
    for (const sample of items as Sample[]) {
      expect(sample.gold).not.toBeNull();
      expect([...(await sample.image!.read()).subarray(0, 3)]).toEqual(JPEG_MAGIC);
    }
  });

  const classification = tasks.filter((task) => task.metrics.includes('macro-f1'));

  test('the classification tasks are the ones expected', () => {
    expect(classification.map((task) => task.id).sort()).toEqual(
      ['hate-speech', 'humor', 'misinformation-gossipcop', 'misinformation-politifact', 'motivational', 'offensive', 'relevance', 'sarcasm', 'sentiment'],
    );
  });

  test.each(classification.map((task) => [task.id, task] as const))('every label of %s occurs in its eval split', async (_id, task) => {
    const items = (await loaded(task, sourceOf(task), task.splits.eval)) as Sample[];
    expect(new Set(items.map((sample) => sample.gold))).toEqual(new Set(task.labels));
  });
});

describe('bundled sample contents', () => {
  const MEMOTION_VALUES: Record<string, readonly string[]> = {
    humor: ['hilarious', 'very_funny', 'funny', 'not_funny'],
    sarcasm: ['general', 'twisted_meaning', 'very_twisted', 'not_sarcastic'],
    offensive: ['slight', 'very_offensive', 'hateful_offensive', 'not_offensive'],
    motivational: ['motivational', 'not_motivational'],
    sentiment: ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'],
  };

  test.each(['train', 'test'])('Memotion %s holds every raw label value, and OCR text with 1-3 misread characters', async (split) => {
    const rows = await rowsOf('MMSoc_Memotion', split);
    for (const [column, values] of Object.entries(MEMOTION_VALUES)) {
      expect(new Set(rows.map((row) => row[column]))).toEqual(new Set(values));
    }
    for (const row of rows) {
      const caption = [...String(row.text_corrected).toUpperCase()];
      const read = [...String(row.text_ocr)];
      expect(read).toHaveLength(caption.length);
      expect(read.filter((char, i) => char !== caption[i]).length).toBeGreaterThanOrEqual(1);
      expect(read.filter((char, i) => char !== caption[i]).length).toBeLessThanOrEqual(3);
    }
  });

  test.each(['MMSoc_PolitiFact', 'MMSoc_GossipCop'])('%s texts run 30-200 words, some beyond the 128 a prompt keeps', async (dataset) => {
    const counts = (await rowsOf(dataset, 'train')).map((row) => wordCount(String(row.text)));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...counts)).toBeLessThanOrEqual(200);
    expect(counts.some((count) => count > 128)).toBe(true);
  });

  test('YouTube topics are string lists, some with a topic outside the 62 that the task filters out', async () => {
    const rows: Row[] = await rowsOf('MMSoc_YouTube2000', 'train');
    const mmsoc = new Set<string>(MMSOC_TOPICS);
    for (const row of rows) {
      expect(Array.isArray(row.topics)).toBe(true);
      expect((row.topics as string[]).filter((topic) => mmsoc.has(topic)).length).toBeGreaterThanOrEqual(1);
    }
    expect(rows.some((row) => (row.topics as string[]).some((topic) => !mmsoc.has(topic)))).toBe(true);
  });
});

describe('bundled sample files', () => {
  const regenerated = mkdtempSync(join(tmpdir(), 'mmsoc-samples-'));
  afterAll(() => rmSync(regenerated, { recursive: true, force: true }));

  test('weigh at most 3 MB in total', () => {
    const total = [...filesUnder(SAMPLES).keys()].reduce((sum, file) => sum + statSync(join(SAMPLES, file)).size, 0);
    expect(total).toBeLessThanOrEqual(MAX_BYTES);
  });

  test('are exactly what scripts/make-samples.ts writes', async () => {
    await makeSamples(regenerated);
    const committed = filesUnder(SAMPLES);
    const fresh = filesUnder(regenerated);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, bytes] of committed) expect({ file, same: bytes.equals(fresh.get(file)!) }).toEqual({ file, same: true });
  });
});
