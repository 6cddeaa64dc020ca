import type { CommandFactory } from './main.js';

/**
 * The top-level commands: what `bench --help` lists, and how to load each one. Only the command being
 * run is imported, so `bench --help` and light commands start without loading the evaluation stack.
 */
export interface CommandEntry {
  /** The yargs command string (name and positionals). */
  readonly command: string;
  readonly describe: string;
  load(): Promise<CommandFactory>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    command: 'run',
    describe: 'Evaluate the config\'s models on its tasks; resumes the latest run of the same config',
    load: async () => (await import('./run-command.js')).runCommand,
  },
  {
    command: 'list <kind>',
    describe: 'List the tasks, models, metrics or collectors known here, with where each comes from',
    load: async () => (await import('./list-command.js')).listCommand,
  },
  {
    command: 'report <runs..>',
    describe: 'Results of run folders: paper-style tables (several runs side by side), report.html, or metrics.json',
    load: async () => (await import('./report-command.js')).reportCommand,
  },
  {
    command: 'compare <a> <b>',
    describe: 'Per-task differences between two runs (B - A) with paired bootstrap intervals and p-values',
    load: async () => (await import('./compare-command.js')).compareCommand,
  },
  {
    command: 'merge <runs..>',
    describe: 'Join run folders of one config (the shards of --shard i/n) into one run with its metrics',
    load: async () => (await import('./merge-command.js')).mergeCommand,
  },
  {
    command: 'data <command>',
    describe: 'Fetch benchmark datasets from the Hugging Face Hub',
    load: async () => (await import('./data-command.js')).dataCommand,
  },
  {
    command: 'collect <source>',
    describe: 'Build and refresh datasets from their sources (youtube: the tagging dataset)',
    load: async () => (await import('./collect-command.js')).collectCommand,
  },
  {
    command: 'plugins <command>',
    describe: 'Create, list, add, remove and check plugins',
    load: async () => (await import('./plugins-command.js')).pluginsCommand,
  },
  {
    command: 'export <what>',
    describe: 'Export instruction-tuning data from the tasks (sft), optionally with a teacher model\'s explanations',
    load: async () => (await import('../../casestudies/cli/export-command.js')).exportCommand,
  },
  {
    command: 'selfimprove',
    describe: 'Ask a model to reconsider its answers round after round; per-round accuracy, macro-F1 and agreement with round 0',
    load: async () => (await import('../../casestudies/cli/selfimprove-command.js')).selfimproveCommand,
  },
];

/** The command's name: the first word of its command string. */
export function commandName(entry: CommandEntry): string {
  return entry.command.split(' ')[0]!;
}
