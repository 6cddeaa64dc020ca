import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { renderMarkdown } from './markdown.js';
import { mergeMetrics } from './merge-metrics.js';
import type { MetricsFile } from './results.js';

/** Reads and writes the report files of a run folder: metrics.json and report.md. */
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

  /** Merges `metrics` into what the run folder holds, writes both files, and returns the merged result. */
  write(runDir: string, metrics: MetricsFile): MetricsFile {
    const merged = mergeMetrics(this.previous(runDir), metrics);
    writeFileSync(join(runDir, 'metrics.json'), JSON.stringify(merged, null, 2) + '\n');
    writeFileSync(join(runDir, 'report.md'), renderMarkdown(merged));
    return merged;
  }

  render(metrics: MetricsFile): string {
    return renderMarkdown(metrics);
  }
}
