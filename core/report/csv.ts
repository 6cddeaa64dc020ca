import type { MetricsFile } from './results.js';

/** RFC 4180 quoting: only fields holding a comma, quote or line break are quoted. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Full precision (a table for machines); an empty field for NaN. */
const number = (x: number) => (typeof x === 'number' && !Number.isNaN(x) ? String(x) : '');

/**
 * One row per run x task x model x named number of metrics.json (headline metrics and the per-class
 * and confusion numbers alike), with the value and its interval.
 */
export function renderCsv(runs: readonly MetricsFile[]): string {
  const lines = ['run,task,model,metric,value,lo,hi'];
  for (const run of runs) {
    for (const [task, byModel] of Object.entries(run.results)) {
      for (const [model, estimates] of Object.entries(byModel)) {
        for (const [metric, e] of Object.entries(estimates)) {
          lines.push([run.runId, task, model, metric].map(field).concat([number(e.value), number(e.lo), number(e.hi)]).join(','));
        }
      }
    }
  }
  return lines.join('\n') + '\n';
}
