import type { Container } from 'inversify';
import { TOKENS } from '../tokens.js';
import { UsageError } from '../errors.js';
import { sampleLookupFromManifest } from '../report/html/manifest-samples.js';
import type { SampleLookup } from '../report/html/sample-lookup.js';
import type { MetricsFile } from '../report/results.js';
import type { CommandFactory } from './main.js';

const FORMATS = ['md', 'csv', 'latex', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

/**
 * Rewrites a run's report.html. Prompts and images come from the datasets, re-opened through the
 * config snapshot in the run's manifest; when that fails (data moved, plugin gone, a model's secret
 * unset) the page is still written, from the predictions alone.
 */
async function writeHtml(container: Container, dir: string, metrics: MetricsFile): Promise<string> {
  const run = await container.get(TOKENS.RunStore).existing(dir);
  if (!run) throw new UsageError(`${dir}: no manifest.json (is it a run folder? bench run prints one on its last line)`);
  const logger = container.get(TOKENS.Logger);
  let samples: SampleLookup | undefined;
  try {
    samples = await sampleLookupFromManifest(run.manifest.data, metrics, container.get(TOKENS.PluginLoader));
  } catch (error) {
    logger.warn(`report.html: prompts and images left out: ${error instanceof Error ? error.message : String(error)}`);
  }
  return container.get(TOKENS.Reporter).writeHtml(run, metrics, { samples, warn: logger.warn });
}

export const reportCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .positional('runs', { type: 'string', array: true, describe: 'Run folders (runs/<run-id>)' })
      .option('format', {
        choices: FORMATS,
        default: 'md' as Format,
        describe: 'md, csv or latex: tables on stdout; html: rewrite each run\'s report.html and print its path; json: the metrics files',
      }),
  handler: async (argv: { runs: string[]; format: Format; debug: boolean }) => {
    const container = env.container(argv.debug);
    const reporter = container.get(TOKENS.Reporter);
    const output = container.get(TOKENS.Output);
    const runs = argv.runs.map((dir) => reporter.read(dir));
    if (argv.format === 'json') output(JSON.stringify(runs, null, 2) + '\n');
    else if (argv.format === 'html') for (const [i, dir] of argv.runs.entries()) output(`${await writeHtml(container, dir, runs[i]!)}\n`);
    else output(reporter.tables(runs, argv.format));
  },
});
