import { TOKENS } from '../../tokens.js';
import { EXIT } from '../../errors.js';
import type { CommandFactory } from '../main.js';
import { checkPlugins } from './doctor-checks.js';
import { configOption, loadProjectPlugins, openProject } from './project.js';

/** `bench plugins doctor`: every problem of every plugin at once; exit 2 when there is any. */
export const pluginsDoctorCommand: CommandFactory = (env) => ({
  command: 'doctor',
  describe: 'Check every plugin (loading, apiVersion, id clashes, metric references, its own selfCheck) and list all problems',
  builder: (y) => y.option('config', configOption),
  handler: async (argv: { config?: string; debug: boolean }) => {
    const container = env.container(argv.debug);
    const output = container.get(TOKENS.Output);
    const { registry } = await loadProjectPlugins(container, await openProject(argv.config));
    const problems = [...registry.problems, ...(await checkPlugins(registry))];
    for (const problem of problems) output(`${problem}\n`);
    const loaded = `${registry.plugins.length} plugin${registry.plugins.length === 1 ? '' : 's'} loaded`;
    output(problems.length ? `${loaded}; ${problems.length} problem${problems.length === 1 ? '' : 's'} (above)\n` : `${loaded}; no problems\n`);
    env.exitCode = problems.length ? EXIT.usage : EXIT.done;
  },
});
