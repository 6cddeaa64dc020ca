import { relative, resolve, sep } from 'node:path';
import { TOKENS } from '../../tokens.js';
import { UsageError } from '../../errors.js';
import { PACKAGE_DIR } from '../../run/package-dir.js';
import { defaultFolder, idPrefix, invalidPackageName } from '../../registry/scaffold/plugin-name.js';
import { scaffoldFiles, scaffoldSpec, writeScaffold } from '../../registry/scaffold/scaffold.js';
import { SCAFFOLD_KINDS, type ScaffoldKind, type ScaffoldSpec } from '../../registry/scaffold/spec.js';
import type { CommandFactory } from '../main.js';

/**
 * How the new package gets mmsoc-bench, its peer dependency: from the registry when this mmsoc-bench
 * was installed from one, else linked from this checkout.
 */
function installStep(): string {
  return PACKAGE_DIR.split(sep).includes('node_modules') ? 'npm install' : `npm install --save-dev ${PACKAGE_DIR}`;
}

export const pluginsInitCommand: CommandFactory = (env) => ({
  command: 'init <name>',
  describe: 'Create a plugin package (TypeScript, ESM): one task, one model, one metric (or one collector), their tests and a README',
  builder: (y) =>
    y
      .positional('name', { type: 'string', demandOption: true, describe: 'npm package name, e.g. mmsoc-bench-plugin-sarcasm' })
      .option('dir', { type: 'string', describe: 'Folder to create (default: the name without its @scope/)' })
      .option('kind', { choices: SCAFFOLD_KINDS, default: 'evaluation' as ScaffoldKind, describe: 'evaluation: a task, a model and a metric; collector: a `bench collect` source' }),
  handler: async (argv: { name: string; dir?: string; kind: ScaffoldKind; debug: boolean }) => {
    const problem = invalidPackageName(argv.name);
    if (problem) throw new UsageError(`plugin name '${argv.name}' ${problem}; try mmsoc-bench-plugin-${idPrefix(argv.name.toLowerCase()).replace(/[^a-z0-9-]+/g, '-')}`);
    const dir = resolve(argv.dir ?? defaultFolder(argv.name));
    const spec = scaffoldSpec(argv.name, argv.kind);
    writeScaffold(dir, await scaffoldFiles(spec));
    const shown = relative(process.cwd(), dir) || '.';
    env.container(argv.debug).get(TOKENS.Output)(
      [
        `created ${argv.name} in ${shown}: ${contents(spec)}`,
        'next:',
        `  cd ${shown} && ${installStep()}`,
        '  npm test && npm run typecheck',
        `  in your project: npx bench plugins add ${dir}   (README.md and docs/plugins.md say more)`,
        '',
      ].join('\n'),
    );
  },
});

function contents(spec: ScaffoldSpec): string {
  const { task, model, metric, collector } = spec.ids;
  return spec.kind === 'collector' ? `collector ${collector}` : `task ${task}, model ${model}, metric ${metric}`;
}
