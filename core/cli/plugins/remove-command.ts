import { resolve } from 'node:path';
import { TOKENS } from '../../tokens.js';
import { UsageError } from '../../errors.js';
import { didYouMean } from '../../registry/close-matches.js';
import { forgetAddedPlugin, readAddedPlugins } from '../../registry/record.js';
import type { CommandFactory } from '../main.js';
import { runNpm } from './npm.js';
import { looksLikePath } from './package-spec.js';
import { configOption, openProject } from './project.js';

/** `bench plugins remove`: undoes `add` (npm uninstall, and the record's entry). */
export const pluginsRemoveCommand: CommandFactory = (env) => ({
  command: 'remove <spec>',
  describe: 'Uninstall a plugin that bench plugins add installed (by package name or by what was added)',
  builder: (y) => y.positional('spec', { type: 'string', demandOption: true, describe: 'package name, or the spec or path given to add' }).option('config', configOption),
  handler: async (argv: { spec: string; config?: string; debug: boolean }) => {
    const container = env.container(argv.debug);
    const logger = container.get(TOKENS.Logger);
    const project = await openProject(argv.config);
    const added = await readAddedPlugins(project.recordPath);
    const wanted = argv.spec;
    const entry = added.find(
      (e) => e.name === wanted || e.spec === wanted || (looksLikePath(wanted) && resolve(wanted) === resolve(project.dir, e.spec)),
    );
    if (!entry) {
      throw new UsageError(
        `${wanted} was not added with bench plugins add${didYouMean(wanted, added.map((e) => e.name))}; ` +
          "remove a config plugin from the config's plugins, and another installed package with npm uninstall",
      );
    }
    await runNpm(['uninstall', '--no-audit', '--no-fund', entry.name], project.dir, (line) => logger.debug(line));
    await forgetAddedPlugin(project.recordPath, entry.name);
    container.get(TOKENS.Output)(`removed ${entry.name}\n`);
  },
});
