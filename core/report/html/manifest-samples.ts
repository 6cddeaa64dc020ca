import { planTasks } from '../../run/build-plan.js';
import { PACKAGE_DIR } from '../../run/package-dir.js';
import type { RunManifest } from '../../store/run-store.js';
import type { PluginLoader } from '../../registry/plugin-loader.js';
import type { MetricsFile } from '../results.js';
import { runPlugins } from '../run-registry.js';
import { sampleLookupFromTasks, type SampleLookup } from './sample-lookup.js';


/**
 * For `bench report` on a finished run: rebuilds the run's task plans from the config snapshot in its
 * manifest, so prompts and images come from the same plugins, data paths, column mappings and options
 * as in the run. No model is planned (no API key is needed). Throws a one-line reason when the data
 * folder is gone or a plugin is missing; the caller then reports without prompts and images.
 */
export async function sampleLookupFromManifest(manifest: RunManifest, metrics: MetricsFile, plugins: PluginLoader): Promise<SampleLookup> {
  const { config, configDir, registry } = await runPlugins(manifest, plugins);
  const tasks = planTasks(config, registry, { configDir, packageDir: PACKAGE_DIR }, { tasks: Object.keys(metrics.tasks).filter((task) => task in config.tasks) });
  return sampleLookupFromTasks(tasks);
}
