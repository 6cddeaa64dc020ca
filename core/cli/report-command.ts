import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENS, type Output } from '../container.js';
import { UsageError } from '../errors.js';
import { renderMarkdown } from '../report/markdown.js';
import type { MetricsFile } from '../report/results.js';
import type { CommandFactory } from './main.js';

function readMetrics(runDir: string): MetricsFile {
  const path = join(runDir, 'metrics.json');
  if (!existsSync(path)) throw new UsageError(`${runDir}: no metrics.json (is it a run folder? bench run prints one on its last line)`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as MetricsFile;
  } catch (error) {
    throw new UsageError(`${path}: unreadable (${(error as Error).message})`);
  }
}

export const reportCommand: CommandFactory = (env) => ({
  command: 'report <runs..>',
  describe: 'Print the results tables of one or more run folders',
  builder: (y) =>
    y
      .positional('runs', { type: 'string', array: true, describe: 'Run folders (runs/<run-id>)' })
      .option('format', { choices: ['md', 'json'], default: 'md', describe: 'Output format' }),
  handler: async (argv: { runs: string[]; format: 'md' | 'json'; debug: boolean }) => {
    const output = env.container(argv.debug).get<Output>(TOKENS.Output);
    const files = argv.runs.map(readMetrics);
    output(argv.format === 'json' ? JSON.stringify(files, null, 2) + '\n' : files.map(renderMarkdown).join('\n'));
  },
});
