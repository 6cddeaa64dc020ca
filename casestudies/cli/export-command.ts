import { caseStudyServices } from '../project.js';
import { SFT_FORMATS, type SftFormat } from '../sft-formats.js';
import { DEFAULT_EXPORT_DIR, SftExporter } from '../sft-export.js';
import { DEFAULT_CONFIG_FILE } from '../../core/config/load.js';
import { UsageError } from '../../core/errors.js';
import { interruptOnSignals } from '../../core/cli/interrupt.js';
import type { CommandFactory } from '../../core/cli/main.js';

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

/** `--format llava,openai` and `--format llava --format openai` alike. */
function formats(values: readonly string[]): SftFormat[] {
  const chosen = values.flatMap((value) => list(value) ?? []);
  for (const format of chosen) {
    if (!(SFT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: '${format}' is not one of ${SFT_FORMATS.join(', ')}`);
  }
  if (chosen.length === 0) throw new UsageError(`--format: name at least one of ${SFT_FORMATS.join(', ')}`);
  return [...new Set(chosen as SftFormat[])];
}

interface ExportArgs {
  what: 'sft';
  config: string;
  tasks?: string;
  split?: string;
  limit?: number;
  format: string[];
  out?: string;
  explainWith?: string;
  explainPrompts?: string;
  cache: boolean;
  debug: boolean;
}

export const exportCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .positional('what', { choices: ['sft'] as const, describe: 'sft: instruction-tuning data (LLaVA JSON, ShareGPT, OpenAI chat JSONL)' })
      .option('config', { alias: 'c', type: 'string', default: DEFAULT_CONFIG_FILE, describe: 'Config file' })
      .option('tasks', { type: 'string', describe: 'Comma-separated task keys of the config to export (default: all)' })
      .option('split', { type: 'string', describe: "Dataset split to export (default: each task's train split)" })
      .option('limit', { type: 'number', describe: 'Export the first N samples of each task' })
      .option('format', { type: 'string', array: true, default: [...SFT_FORMATS], describe: `Formats to write: ${SFT_FORMATS.join(', ')}` })
      .option('out', { type: 'string', describe: `Export folder, relative to the config file (default: ${DEFAULT_EXPORT_DIR})` })
      .option('explain-with', { type: 'string', describe: "Model key of the config asked to explain each sample's label; the explanation follows the answer" })
      .option('explain-prompts', { type: 'string', describe: 'JSON file {"<task id>": {"<label>": "Why ...?" | null}} laid over the built-in explanation prompts' })
      .option('cache', { type: 'boolean', default: true, describe: 'Answer deterministic teacher requests from the response cache shared across runs' }),
  handler: async (argv: ExportArgs) => {
    if (argv.limit !== undefined && (!Number.isInteger(argv.limit) || argv.limit < 1)) throw new UsageError(`--limit: expected a positive whole number, got ${String(argv.limit)}`);
    if (argv.explainPrompts !== undefined && argv.explainWith === undefined) throw new UsageError('--explain-prompts: only used with --explain-with');
    const services = caseStudyServices(env.container(argv.debug));
    const exporter = new SftExporter(services);
    const interrupt = interruptOnSignals(services.logger);
    const outcome = await exporter.export(
      {
        configPath: argv.config,
        tasks: list(argv.tasks),
        split: argv.split,
        limit: argv.limit,
        formats: formats(argv.format),
        out: argv.out,
        teacher: argv.explainWith,
        promptsFile: argv.explainPrompts,
        cache: argv.cache,
      },
      interrupt.signal,
    ).finally(() => interrupt.dispose());
    env.exitCode = outcome.exitCode;
  },
});
