import { TOKENS, type Output } from '../container.js';
import type { Reporter } from '../report/reporter.js';
import type { CommandFactory } from './main.js';

export const reportCommand: CommandFactory = (env) => ({
  command: 'report <runs..>',
  describe: 'Print the results tables of one or more run folders',
  builder: (y) =>
    y
      .positional('runs', { type: 'string', array: true, describe: 'Run folders (runs/<run-id>)' })
      .option('format', { choices: ['md', 'json'], default: 'md', describe: 'Output format' }),
  handler: async (argv: { runs: string[]; format: 'md' | 'json'; debug: boolean }) => {
    const container = env.container(argv.debug);
    const reporter = container.get<Reporter>(TOKENS.Reporter);
    const files = argv.runs.map((run) => reporter.read(run));
    container.get<Output>(TOKENS.Output)(argv.format === 'json' ? JSON.stringify(files, null, 2) + '\n' : files.map((f) => reporter.render(f)).join('\n'));
  },
});
