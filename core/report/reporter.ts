import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { renderCsv } from './csv.js';
import type { ReportDataOptions } from './html/report-data.js';
import { renderLatex } from './latex.js';
import { renderMarkdown } from './markdown.js';
import { mergeMetrics } from './merge-metrics.js';
import type { PairFiles } from './pair-records.js';
import type { MetricsFile } from './results.js';

export type TableFormat = 'md' | 'csv' | 'latex';

const RENDERERS: Record<TableFormat, (runs: readonly MetricsFile[]) => string> = { md: renderMarkdown, csv: renderCsv, latex: renderLatex };

/** Writes a whole file; a failure names it (an ENOSPC alone does not say which write failed). */
function writeWhole(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Reads and writes the report files of a run folder: metrics.json, report.md and report.html. */
export class Reporter {
  /** The run's metrics.json, or undefined when there is none yet (or it is unreadable). */
  previous(runDir: string): MetricsFile | undefined {
    const path = join(runDir, 'metrics.json');
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as MetricsFile;
    } catch {
      return undefined;
    }
  }

  /** Like `previous`, for commands that need the file: a one-line error when it is missing. */
  read(runDir: string): MetricsFile {
    const metrics = this.previous(runDir);
    if (!metrics) throw new UsageError(`${runDir}: no readable metrics.json (is it a run folder? bench run prints one on its last line)`);
    return metrics;
  }

  /** Merges `metrics` into what the run folder holds, writes metrics.json and report.md, and returns the merged result. */
  write(runDir: string, metrics: MetricsFile): MetricsFile {
    const merged = mergeMetrics(this.previous(runDir), metrics);
    writeWhole(join(runDir, 'metrics.json'), JSON.stringify(merged, null, 2) + '\n');
    writeWhole(join(runDir, 'report.md'), renderMarkdown([merged]));
    return merged;
  }

  /** The results tables of one run, as `bench run` prints them: headline numbers only (report.md has the metric tables). */
  render(metrics: MetricsFile): string {
    return renderMarkdown([metrics], { tables: false });
  }

  /** The results tables of one or more runs (side by side) in a text format. */
  tables(runs: readonly MetricsFile[], format: TableFormat): string {
    return RENDERERS[format](runs);
  }

  /**
   * Writes the run's self-contained report.html (replacing it whole, so a reader never sees half a
   * page) and returns its path.
   */
  async writeHtml(run: PairFiles & { readonly dir: string }, metrics: MetricsFile, options: ReportDataOptions): Promise<string> {
    // The page's stack (its data, charts, thumbnails through sharp) loads when a report is written,
    // not at start-up: a run reaches this after its last request.
    const [{ collectReportData }, { renderPage }] = await Promise.all([import('./html/report-data.js'), import('./html/page.js')]);
    const page = renderPage(await collectReportData(metrics, run, options));
    const path = join(run.dir, 'report.html');
    writeWhole(`${path}.partial`, page);
    renameSync(`${path}.partial`, path);
    return path;
  }
}
