import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { element, htmlDocument, text } from '../core/report/html/markup.js';
import { markdownTable } from '../core/report/text-table.js';
import { lineChart } from './line-chart.js';
import type { RoundFigures } from './selfimprove-figures.js';
import { RECONSIDER_PROMPT } from './selfimprove-rounds.js';

export interface SelfImprovePair {
  readonly task: string;
  readonly split: string;
  readonly rounds: readonly RoundFigures[];
}

/** selfimprove.json: `results[task key][model key]`, one entry per pair run on this run folder. */
export interface SelfImproveFile {
  readonly runId: string;
  readonly reconsiderPrompt: string;
  readonly results: Record<string, Record<string, SelfImprovePair>>;
}

const figure = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

function pairs(file: SelfImproveFile): Array<{ taskKey: string; model: string; pair: SelfImprovePair }> {
  return Object.entries(file.results).flatMap(([taskKey, byModel]) => Object.entries(byModel).map(([model, pair]) => ({ taskKey, model, pair })));
}

const COLUMNS = ['Round', 'N', 'Accuracy', 'Macro-F1', 'Agreement with round 0'];
const cells = (r: RoundFigures) => [String(r.round), String(r.samples), figure(r.accuracy), figure(r.macroF1), figure(r.agreement)];
const heading = (taskKey: string, model: string, pair: SelfImprovePair) => `${taskKey} x ${model} (${pair.task}, split ${pair.split})`;

/** One pair's heading and table, as selfimprove.md has it and the command prints it. */
export function pairMarkdown(taskKey: string, model: string, pair: SelfImprovePair): string {
  return `## ${heading(taskKey, model, pair)}\n\n${markdownTable(COLUMNS, pair.rounds.map(cells))}\n`;
}

export function renderSelfImproveMarkdown(file: SelfImproveFile): string {
  return [
    `# Self-improvement: run ${file.runId}`,
    '',
    `Round 0 answers the task's prompt; each later round shows the model its previous answer and asks: "${file.reconsiderPrompt}"`,
    '',
    ...pairs(file).map(({ taskKey, model, pair }) => pairMarkdown(taskKey, model, pair)),
  ].join('\n');
}

/** The charts and tables of every pair, as one report section (self-contained SVG, no script). */
export function selfImproveSection(file: SelfImproveFile): string {
  return element(
    'section',
    { id: 'selfimprove' },
    text('h2', {}, 'Self-improvement'),
    text('p', { class: 'note' }, `Round 0 answers the task's prompt; each later round shows the model its previous answer and asks: "${file.reconsiderPrompt}"`),
    ...pairs(file).map(({ taskKey, model, pair }) => {
      const rounds = pair.rounds.map((r) => String(r.round));
      const chart = lineChart(heading(taskKey, model, pair), rounds, 'round', [
        { name: 'Accuracy', values: pair.rounds.map((r) => r.accuracy) },
        { name: 'Macro-F1', values: pair.rounds.map((r) => r.macroF1) },
        { name: 'Agreement with round 0', values: pair.rounds.map((r) => r.agreement) },
      ]);
      const rows = pair.rounds.map((r) => element('tr', {}, ...cells(r).map((cell) => text('td', {}, cell))));
      const head = element('tr', {}, ...COLUMNS.map((cell) => text('th', {}, cell)));
      return element('div', {}, text('h3', {}, heading(taskKey, model, pair)), chart, element('table', {}, element('thead', {}, head), element('tbody', {}, ...rows)));
    }),
  );
}

function renderSelfImproveHtml(file: SelfImproveFile): string {
  return htmlDocument({
    title: `Self-improvement: ${file.runId}`,
    css: 'body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330}table{border-collapse:collapse}th,td{padding:3px 10px;border-bottom:1px solid #d9dde5;text-align:left}.note{color:#5b6475}',
    body: [text('h1', {}, `Self-improvement: run ${file.runId}`), selfImproveSection(file)],
  });
}

export function readSelfImproveFile(runDir: string): SelfImproveFile | undefined {
  const path = join(runDir, 'selfimprove.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as SelfImproveFile) : undefined;
}

/**
 * Adds one pair's figures to the run's selfimprove.json (other pairs run on the folder are kept) and
 * rewrites selfimprove.md and selfimprove.html from it.
 */
export function writeSelfImprove(runDir: string, runId: string, taskKey: string, model: string, pair: SelfImprovePair, redact: (text: string) => string): SelfImproveFile {
  const earlier = readSelfImproveFile(runDir)?.results;
  const file: SelfImproveFile = { runId, reconsiderPrompt: RECONSIDER_PROMPT, results: { ...earlier, [taskKey]: { ...earlier?.[taskKey], [model]: pair } } };
  writeFileSync(join(runDir, 'selfimprove.json'), redact(JSON.stringify(file, null, 2)) + '\n');
  writeFileSync(join(runDir, 'selfimprove.md'), redact(renderSelfImproveMarkdown(file)));
  writeFileSync(join(runDir, 'selfimprove.html'), redact(renderSelfImproveHtml(file)));
  return file;
}
