import type { Got } from 'got';
import type { Logger } from '../../contracts/context.js';
import { buildPlan } from '../../run/build-plan.js';
import { PACKAGE_DIR } from '../../run/package-dir.js';
import { createPluginContext } from '../../run/plugin-context.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import type { Env } from '../../services/env.js';
import type { RunManifest } from '../../store/run-store.js';
import type { Redactor } from '../../util/redact.js';
import type { PluginLoader } from '../../../registry/plugin-loader.js';
import type { MetricsFile } from '../results.js';
import { runPlugins } from '../run-registry.js';
import { sampleLookupFromTasks, type SampleLookup } from './sample-lookup.js';

export interface PlanServices {
  readonly plugins: PluginLoader;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly http: Got;
  readonly env: Env;
  readonly redactor: Redactor;
}

/**
 * For `bench report` on a finished run: rebuilds the run's task plans from the config snapshot in its
 * manifest, so prompts and images come from the same plugins, data paths, column mappings and options
 * as in the run. Planning validates the whole config as `bench run` does, so this throws a one-line
 * reason when the data folder is gone, a plugin is missing or a model's secret is not set; the caller
 * then reports without prompts and images. Model instances made by planning are closed at once: only
 * the tasks are used.
 */
export async function sampleLookupFromManifest(manifest: RunManifest, metrics: MetricsFile, services: PlanServices): Promise<SampleLookup> {
  const { config, configDir, registry } = await runPlugins(manifest, services.plugins);
  const context = createPluginContext({ ...services, signal: new AbortController().signal });
  const plans = buildPlan(config, registry, context, services.scheduler, { configDir, packageDir: PACKAGE_DIR }, {
    tasks: Object.keys(metrics.tasks).filter((task) => task in config.tasks),
    models: metrics.models.filter((model) => model in config.models),
  });
  await Promise.all(plans.flatMap((plan) => [plan.instance, plan.judge?.instance]).map((instance) => instance?.close?.()));
  return sampleLookupFromTasks(plans.map((plan) => plan.task));
}
