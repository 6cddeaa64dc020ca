import type { CommandFactory } from './main.js';
import { pluginsAddCommand } from './plugins/add-command.js';
import { pluginsDoctorCommand } from './plugins/doctor-command.js';
import { pluginsInitCommand } from './plugins/init-command.js';
import { pluginsListCommand } from './plugins/list-command.js';
import { pluginsRemoveCommand } from './plugins/remove-command.js';

export const pluginsCommand: CommandFactory = (env) => ({
  builder: (y) =>
    y
      .command(pluginsInitCommand(env))
      .command(pluginsListCommand(env))
      .command(pluginsAddCommand(env))
      .command(pluginsRemoveCommand(env))
      .command(pluginsDoctorCommand(env))
      .demandCommand(1),
  handler: async () => {},
});
