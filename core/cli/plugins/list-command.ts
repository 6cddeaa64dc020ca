import { TOKENS } from '../../tokens.js';
import { describePlugins } from '../../registry/record.js';
import type { CommandFactory } from '../main.js';
import { pluginLines } from './format.js';
import { configOption, loadProjectPlugins, openProject, warnProblems } from './project.js';

export const pluginsListCommand: CommandFactory = (env) => ({
  command: 'list',
  describe: 'Every plugin with its source (built-in, config, installed, added), version, apiVersion and ids',
  builder: (y) => y.option('config', configOption).option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
  handler: async (argv: { config?: string; json: boolean; debug: boolean }) => {
    const container = env.container(argv.debug);
    const output = container.get(TOKENS.Output);
    const { registry, added } = await loadProjectPlugins(container, await openProject(argv.config));
    warnProblems(container, registry);
    const plugins = describePlugins(registry, added);
    if (argv.json) {
      output(JSON.stringify({ plugins, problems: registry.problems }, null, 2) + '\n');
      return;
    }
    for (const plugin of plugins) output(pluginLines(plugin).join('\n') + '\n');
  },
});
