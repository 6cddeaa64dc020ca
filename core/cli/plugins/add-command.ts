import { TOKENS } from '../../tokens.js';
import { EXIT, UsageError } from '../../errors.js';
import { installedPlugins, PLUGIN_FIELD } from '../../registry/locate.js';
import { describePlugins, recordAddedPlugin } from '../../registry/record.js';
import type { CommandFactory } from '../main.js';
import { idSummary } from './format.js';
import { runNpm } from './npm.js';
import { installedPackageName, parsePluginSpec, projectDependencies, recordedSpec } from './package-spec.js';
import { configOption, loadProjectPlugins, openProject, warnProblems } from './project.js';

/**
 * `bench plugins add`: `npm install` in the project (so package.json keeps the dependency and `npm ci`
 * restores it), then an entry in the registry record marking it as added. Discovery finds it as an
 * installed package that declares the plugin field.
 */
export const pluginsAddCommand: CommandFactory = (env) => ({
  command: 'add <spec>',
  describe: 'Install a plugin into the project: an npm name[@version], a package folder or a tarball',
  builder: (y) => y.positional('spec', { type: 'string', demandOption: true, describe: 'npm package spec or path' }).option('config', configOption),
  handler: async (argv: { spec: string; config?: string; debug: boolean }) => {
    const container = env.container(argv.debug);
    const output = container.get(TOKENS.Output);
    const logger = container.get(TOKENS.Logger);
    const project = await openProject(argv.config);
    const spec = parsePluginSpec(argv.spec, process.cwd());
    const dependedOnBefore = projectDependencies(project.dir);
    await runNpm(['install', '--no-audit', '--no-fund', spec.install], project.dir, (line) => logger.debug(line));
    const name = installedPackageName(spec, project.dir);
    if (!installedPlugins(project.dir).some((origin) => origin.name === name)) {
      // Undo only what this command did: a package the project already had stays.
      if (!(name in dependedOnBefore)) await runNpm(['uninstall', '--no-audit', '--no-fund', name], project.dir, (line) => logger.debug(line));
      throw new UsageError(`${name} is not an mmsoc-bench plugin: its package.json has no "${PLUGIN_FIELD}": { "plugin": "<entry>" }; add the field (docs/plugins.md) or pick another package`);
    }
    const addedAt = new Date(container.get(TOKENS.Clock).now()).toISOString();
    await recordAddedPlugin(project.recordPath, { spec: recordedSpec(spec, project.dir), name, addedAt });
    const { registry, added } = await loadProjectPlugins(container, project);
    warnProblems(container, registry);
    const plugin = describePlugins(registry, added).find((p) => p.origin === name);
    if (!plugin) {
      logger.error(`${name} was installed but does not load (see above); fix it, or undo with bench plugins remove ${name}`);
      env.exitCode = EXIT.usage;
      return;
    }
    output(`added ${name}@${plugin.version ?? '?'}: ${idSummary(plugin)}\n`);
  },
});
