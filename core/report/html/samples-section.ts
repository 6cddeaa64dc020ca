import { element, text } from './markup.js';
import type { ReportData } from './report-data.js';
import { THUMBNAIL_BUDGET } from './thumbnails.js';

const STATUS_FILTERS: ReadonlyArray<readonly [string, string]> = [
  ['', 'all'],
  ['correct', 'correct'],
  ['wrong', 'wrong (incl. invalid)'],
  ['invalid', 'invalid'],
  ['failed', 'failed or skipped'],
];

const select = (id: string, label: string, options: ReadonlyArray<readonly [string, string]>) =>
  element('label', {}, text('span', {}, label), element('select', { id }, ...options.map(([value, name]) => text('option', { value }, name))));

/** The sample browser's frame; the client script fills the table from the embedded rows. */
export function samplesSection(data: ReportData): string {
  const { samples, embedded } = data.thumbnails;
  const mib = (THUMBNAIL_BUDGET.bytes / 1024 / 1024).toFixed(0);
  return element(
    'section',
    { id: 'samples' },
    text('h2', {}, 'Samples'),
    element(
      'div',
      { class: 'filters' },
      select('f-task', 'Task', [['', 'all']]),
      select('f-model', 'Model', [['', 'all']]),
      select('f-status', 'Answer', STATUS_FILTERS),
      select('f-class', 'Gold', [['', 'all']]),
      element('label', {}, text('span', {}, 'Search'), element('input', { id: 'f-search', type: 'search', placeholder: 'id, answer, prompt…' })),
    ),
    text('p', { id: 'sample-count', class: 'note' }, ''),
    element(
      'div',
      { class: 'browser' },
      element(
        'table',
        { id: 'sample-table' },
        element('thead', {}, element('tr', {}, ...['', 'Task', 'Model', 'Id', 'Answer', 'Raw output', 'Parsed', 'Gold'].map((h) => text('th', {}, h)))),
        element('tbody', {}),
      ),
      element('aside', { id: 'detail', hidden: 'hidden' }),
    ),
    element(
      'div',
      { class: 'pager' },
      text('button', { id: 'page-prev', type: 'button' }, '‹ Previous'),
      text('span', { id: 'page-info' }, ''),
      text('button', { id: 'page-next', type: 'button' }, 'Next ›'),
    ),
    text(
      'p',
      { class: 'note' },
      `Thumbnails: ${embedded} of ${samples} samples (budget ${THUMBNAIL_BUDGET.count} images or ${mib} MiB; samples with a wrong, invalid or failed answer first). ` +
        '“Correct” means the parsed answer equals the gold exactly; partial credit is in the metrics.',
    ),
    text('noscript', {}, 'The sample browser needs JavaScript; everything above works without it.'),
  );
}
