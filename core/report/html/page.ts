import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../../run/package-dir.js';
import { element, htmlDocument, text } from './markup.js';
import type { ReportData } from './report-data.js';
import { summarySection, taskSection, validRateSection } from './result-sections.js';
import { samplesSection } from './samples-section.js';
import { usageSection } from './usage-section.js';

/**
 * The page's script and styles are plain files in the package's core/report/html/, inlined at render time
 * (read from the package's folder: the built module lives in a shared chunk of dist/, not next to them).
 */
const asset = (name: string) => readFileSync(join(PACKAGE_DIR, 'core', 'report', 'html', name), 'utf8');


/** JSON inside a script element: `<` escaped so no value can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** report.html: one self-contained file (inline SVG charts, styles, data and script). */
export function renderPage(data: ReportData): string {
  const { metrics } = data;
  const tasks = Object.keys(metrics.tasks);
  const nav = element(
    'nav',
    {},
    ...[
      ['#summary', 'Results'],
      ['#tasks', 'Tasks'],
      ['#valid', 'Valid answers'],
      ['#usage', 'Latency and tokens'],
      ['#samples', 'Samples'],
    ].map(([href, label]) => text('a', { href }, label!)),
  );
  const totals = Object.values(metrics.counts).flatMap((byModel) => Object.values(byModel));
  const sum = (pick: (c: (typeof totals)[number]) => number) => totals.reduce((n, c) => n + pick(c), 0);
  const header = element(
    'header',
    {},
    text('h1', {}, `MM-Soc report: run ${metrics.runId}`),
    text(
      'p',
      { class: 'note' },
      `Generated ${metrics.generatedAt} · ${tasks.length} task(s) × ${metrics.models.length} model(s) · ${sum((c) => c.samples)} records, ${sum((c) => c.failed)} failed, ${sum((c) => c.skipped)} skipped`,
    ),
    nav,
  );
  const main = element(
    'main',
    {},
    summarySection(metrics),
    element('section', { id: 'tasks' }, text('h2', {}, 'Tasks'), ...tasks.map((task, i) => taskSection(metrics, task, i))),
    validRateSection(metrics),
    usageSection(metrics.models, data.pairs),
    samplesSection(data),
  );
  return htmlDocument({
    title: `MM-Soc report: ${metrics.runId}`,
    css: asset('./report.css'),
    scripts: true,
    images: true,
    body: [
      header,
      main,
      `<script type="application/json" id="samples-data">${scriptJson(data.samples)}</script>`,
      `<script>${asset('./client.js')}</script>`,
    ],
  });
}
