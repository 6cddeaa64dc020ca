import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import type { EmbeddedSamples } from '../../core/report/html/report-data.js';
import type { SampleLookup } from '../../core/report/html/sample-lookup.js';
import { THUMBNAIL_BUDGET } from '../../core/report/html/thumbnails.js';
import { Reporter } from '../../core/report/reporter.js';
import type { MetricsFile } from '../../core/report/results.js';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';
import { startFakeOpenAIServer } from '../fixtures/openai-server.js';

/*
 * report.html in headless Chromium (Debian's chromium package, driven by playwright-core): a real run's
 * page renders its charts, opens a sample, filters, makes no network request; a 20,000-sample page
 * stays within its size budget and pages its samples.
 */

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: BrowserContext;
const shots = mkdtempSync(join(tmpdir(), 'mmsoc-report-shots-'));

beforeAll(async () => {
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mmsoc-chromium-profile-')), {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  console.log(`report screenshots: ${shots}`);
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a report and records every request the page makes and every script error. */
async function open(html: string): Promise<{ page: Page; requests: string[]; errors: string[]; url: string }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  const url = pathToFileURL(html).href;
  await page.goto(url);
  return { page, requests, errors, url };
}

const offsite = (requests: readonly string[], url: string) => requests.filter((r) => r !== url && !r.startsWith('data:'));
const text = (page: Page, selector: string) => page.locator(selector).innerText();
const columnTexts = (page: Page, column: number) => page.locator(`#sample-table tbody tr td:nth-child(${column})`).allInnerTexts();

/** The per-sample data embedded in a report. */
function embedded(html: string): EmbeddedSamples {
  const match = /<script type="application\/json" id="samples-data">(.*?)<\/script>/s.exec(html);
  return JSON.parse(match![1]!) as EmbeddedSamples;
}

/** Reads back the records of a run folder's predictions file. */
function records(runDir: string, model: string): PredictionRecord[] {
  return readFileSync(join(runDir, 'predictions', 'hate-speech', `${model}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PredictionRecord);
}

describe('report.html of a real run', () => {
  // The invalid answer carries markup: the page must show it as text, and it must not load.
  const trap = '</script><img src="http://127.0.0.1:9/trap.png"> I cannot tell from this picture.';
  const answers = ['Yes', 'No', 'No', trap];
  let runDir: string;
  let configDir: string;

  beforeAll(async () => {
    const server = await startFakeOpenAIServer({ usage: true, answer: (_body, key) => answers[parseInt(key.slice(0, 2), 16) % answers.length]! });
    try {
      configDir = tempDir('report-html');
      await makeMemeDataset(join(configDir, 'data'), { train: 12, validation: 30 });
      const config = writeConfig(configDir, {
        output: 'runs',
        models: { llava: { use: 'openai-compatible', endpoint: server.url, model: 'llava-hf/llava-1.5-7b-hf' }, majority: { use: 'baseline/majority' } },
        tasks: { 'hate-speech': { dataset: { path: 'data' } } },
        bootstrap: { samples: 200 },
      });
      const result = await benchInProcess(['run', '-c', config]);
      expect(result.code).toBe(0);
      runDir = result.stdout.trim().split('\n').at(-1)!;
      expect(result.stderr).toContain(`report: ${join(runDir, 'report.html')}\n`);
    } finally {
      await server.close();
    }
  });

  it('renders its charts, opens a sample, filters to invalid answers, and requests nothing but itself', async () => {
    const invalid = records(runDir, 'llava').filter((r) => !r.valid).length;
    expect(invalid).toBeGreaterThan(0);
    const { page, requests, errors, url } = await open(join(runDir, 'report.html'));

    const charts = await page.locator('svg.chart').evaluateAll((svgs) => svgs.map((svg) => ({ marks: svg.querySelectorAll('rect').length, width: svg.getBoundingClientRect().width })));
    // Per task: accuracy, macro-F1, weighted-F1, valid (bars) and two confusion matrices; valid rate
    // per model; latency per model, tokens for the served model.
    expect(charts.length).toBeGreaterThanOrEqual(10);
    for (const chart of charts) {
      expect(chart.marks).toBeGreaterThan(0);
      expect(chart.width).toBeGreaterThan(0);
    }

    expect(await text(page, '#sample-count')).toBe('60 of 60 samples');
    expect(await page.locator('#sample-table tbody tr').count()).toBe(50);
    expect(await text(page, '#page-info')).toBe('Page 1 / 2');

    await page.locator('#sample-table tbody tr').first().click();
    const detail = page.locator('#detail');
    expect(await detail.isVisible()).toBe(true);
    expect(await detail.innerText()).toContain("Is this meme hateful? Answer 'Yes' or 'No'.");
    expect(await detail.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);

    await page.selectOption('#f-status', 'invalid');
    expect(await text(page, '#sample-count')).toBe(`${invalid} of 60 samples`);
    expect(new Set(await columnTexts(page, 5))).toEqual(new Set(['invalid']));
    expect(new Set(await columnTexts(page, 3))).toEqual(new Set(['llava']));
    await page.locator('#sample-table tbody tr').first().click();
    expect(await detail.locator('pre').allInnerTexts()).toContain(trap);
    await page.screenshot({ path: join(shots, 'real-run-invalid.png'), fullPage: true });

    await page.selectOption('#f-status', '');
    await page.selectOption('#f-class', 'hateful');
    expect(new Set(await columnTexts(page, 8))).toEqual(new Set(['hateful']));
    await page.selectOption('#f-class', '');
    await page.fill('#f-search', 'cannot tell');
    // The search waits for typing to pause before it filters.
    await page.locator('#sample-count', { hasText: new RegExp(`^${invalid} of 60 samples$`) }).waitFor();

    expect(errors).toEqual([]);
    expect(requests).toContain(url);
    expect(offsite(requests, url)).toEqual([]);
    await page.close();
  });

  it('is rewritten by bench report --format html, without images when the data is gone', async () => {
    const html = join(runDir, 'report.html');
    rmSync(html);
    const again = await benchInProcess(['report', runDir, '--format', 'html']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${html}\n`);
    const withData = readFileSync(html, 'utf8');
    expect(embedded(withData).thumbnails.length).toBe(30);
    expect(embedded(withData).prompts).toEqual(["[image]\nIs this meme hateful? Answer 'Yes' or 'No'."]);

    renameSync(join(configDir, 'data'), join(configDir, 'data-moved'));
    try {
      const degraded = await benchInProcess(['report', runDir, '--format', 'html']);
      expect(degraded.code).toBe(0);
      expect(degraded.stderr).toMatch(/^warn: report\.html: prompts and images left out: tasks\.hate-speech\.dataset: /m);
      const samples = embedded(readFileSync(html, 'utf8'));
      expect(samples.thumbnails).toEqual([]);
      expect(samples.prompts).toEqual([]);
      expect(samples.rows).toHaveLength(60);
    } finally {
      renameSync(join(configDir, 'data-moved'), join(configDir, 'data'));
    }
  });
});

describe('report.html of 20,000 samples', () => {
  const tasks = ['hate-speech', 'humor'];
  const models = ['llava', 'qwen'];
  const perPair = 5000;
  const statuses = (i: number) => ({ valid: i % 7 !== 0, correct: i % 3 !== 0 });
  const warnings: string[] = [];
  let html: string;
  let size: number;

  beforeAll(async () => {
    const dir = tempDir('report-20k');
    const files = {
      predictionsPath: (task: string, model: string) => join(dir, 'predictions', task, `${model}.jsonl`),
      judgePath: (task: string, model: string) => join(dir, 'predictions', task, `${model}.judge.jsonl`),
    };
    for (const task of tasks) {
      mkdirSync(join(dir, 'predictions', task), { recursive: true });
      for (const model of models) {
        const lines = Array.from({ length: perPair }, (_, i) => {
          const { valid, correct } = statuses(i);
          const gold = i % 2 ? 'yes' : 'no';
          const prediction = valid ? (correct ? gold : gold === 'yes' ? 'no' : 'yes') : null;
          const record: PredictionRecord = {
            id: `s${i}`,
            hash: 'h',
            output: valid ? `${prediction}.` : 'It depends on the context of the meme.',
            prediction,
            gold,
            valid,
            error: null,
            latencyMs: 200 + ((i * 37) % 900),
            usage: { promptTokens: 600 + (i % 50), completionTokens: 2 },
          };
          return JSON.stringify(record);
        });
        writeFileSync(files.predictionsPath(task, model), lines.join('\n') + '\n');
      }
    }
    const estimate = { value: 0.6, lo: 0.59, hi: 0.61 };
    const counts = { samples: perPair, valid: perPair, failed: 0, skipped: 0, cached: 0, promptTokens: 0, completionTokens: 0 };
    const metrics: MetricsFile = {
      runId: 'synthetic-20k',
      generatedAt: '2026-01-01T00:00:00.000Z',
      bootstrap: { samples: 1000, seed: 0, confidence: 0.95 },
      tasks: Object.fromEntries(tasks.map((task) => [task, { task, version: '1', split: 'test', metrics: ['accuracy', 'valid-rate'] }])),
      models,
      lowerIsBetter: [],
      results: Object.fromEntries(tasks.map((task) => [task, Object.fromEntries(models.map((m) => [m, { accuracy: estimate, 'valid-rate': estimate }]))])),
      counts: Object.fromEntries(tasks.map((task) => [task, Object.fromEntries(models.map((m) => [m, counts]))])),
    };
    // Noise at thumbnail size compresses badly: ~4 KB thumbnails, more than a real meme's, so the size
    // measured here is an upper estimate.
    let state = 1;
    const noise = Buffer.alloc(96 * 96 * 3).map(() => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24);
    const image = await sharp(noise, { raw: { width: 96, height: 96, channels: 3 } }).png().toBuffer();
    const lookup: SampleLookup = async function* (_task, _split, ids) {
      for (const id of ids) yield { id, prompt: "Is this meme hateful? Answer 'Yes' or 'No'.", image: { ref: id, read: async () => image } };
    };
    html = await new Reporter().writeHtml({ dir, ...files }, metrics, { samples: lookup, warn: (message) => void warnings.push(message) });
    size = statSync(html).size;
    console.log(`report.html of ${tasks.length * models.length * perPair} samples: ${(size / 1024 / 1024).toFixed(2)} MiB`);
  });

  it('embeds at most the thumbnail budget, wrong and invalid answers first, and stays a few MB', () => {
    expect(warnings).toEqual([]);
    const samples = embedded(readFileSync(html, 'utf8'));
    const column = (name: string) => samples.columns.indexOf(name);
    expect(samples.rows).toHaveLength(20_000);
    const thumbnailBytes = samples.thumbnails.reduce((n, url) => n + url.length, 0);
    expect(samples.thumbnails).toHaveLength(THUMBNAIL_BUDGET.count);
    expect(thumbnailBytes).toBeLessThanOrEqual(THUMBNAIL_BUDGET.bytes);
    const withThumbnail = samples.rows.filter((row) => (row[column('thumbnail')] as number) >= 0);
    expect(new Set(withThumbnail.map((row) => row[column('status')]))).toEqual(new Set(['wrong', 'invalid']));
    expect(size).toBeLessThan(6 * 1024 * 1024);
  });

  it('shows the first page of samples and pages through them', async () => {
    const { page, requests, errors, url } = await open(html);
    expect(await text(page, '#sample-count')).toBe('20000 of 20000 samples');
    expect(await page.locator('#sample-table tbody tr').count()).toBe(50);
    expect(await text(page, '#page-info')).toBe('Page 1 / 400');
    const firstPage = await columnTexts(page, 4);
    await page.click('#page-next');
    expect(await text(page, '#page-info')).toBe('Page 2 / 400');
    expect(await columnTexts(page, 4)).not.toEqual(firstPage);
    await page.selectOption('#f-status', 'invalid');
    const invalidPerPair = Array.from({ length: perPair }, (_, i) => i).filter((i) => !statuses(i).valid).length;
    expect(await text(page, '#sample-count')).toBe(`${invalidPerPair * tasks.length * models.length} of 20000 samples`);
    await page.screenshot({ path: join(shots, 'twenty-thousand-invalid.png') });
    expect(errors).toEqual([]);
    expect(offsite(requests, url)).toEqual([]);
    await page.close();
  });
});
