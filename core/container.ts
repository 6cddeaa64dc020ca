import { Container } from 'inversify';
import { TOKENS, type Output } from './tokens.js';
import type { Got } from 'got';
import type { Logger } from './contracts/context.js';
import { systemClock, type Clock } from './services/clock.js';
import { createHttpClient } from './services/http.js';
import { createTransport, type Transport } from './services/transport.js';
import { createLogger, type LogLevel } from './services/logger.js';
import { processEnv, type Env } from './services/env.js';
import { createProgressFactory, type ProgressFactory } from './pipeline/progress.js';
import { loadConfig, type LoadedConfig } from './config/load.js';
import { registerConfigSecrets } from './config/secrets.js';
import { ImagePreparer } from './images/image-preparer.js';
import { Reporter } from './report/reporter.js';
import { Evaluator } from './run/evaluator.js';
import { RunMerger } from './run/merge-runs.js';
import { Scheduler } from './scheduler/scheduler.js';
import { PluginLoader } from '../registry/plugin-loader.js';
import { RunStore } from './store/run-store.js';
import { Redactor } from './util/redact.js';

export { TOKENS, type Output };

/**
 * Binds the core services. Tests rebind any token (`container.rebind(TOKENS.Clock).toConstantValue(...)`)
 * before resolving the services that use it.
 */
export function createContainer(options: { logLevel?: LogLevel } = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<Clock>(TOKENS.Clock).toConstantValue(systemClock);
  container.bind<Env>(TOKENS.Env).toConstantValue(processEnv);
  container.bind<Redactor>(TOKENS.Redactor).toResolvedValue(() => new Redactor());
  container
    .bind<Logger>(TOKENS.Logger)
    .toResolvedValue((redactor: Redactor) => createLogger({ level: options.logLevel ?? 'info', redactor }), [TOKENS.Redactor]);
  container.bind<Got>(TOKENS.Http).toResolvedValue(() => createHttpClient());
  container.bind<Transport>(TOKENS.Transport).toResolvedValue(() => createTransport());
  container.bind<RunStore>(TOKENS.RunStore).toResolvedValue((clock: Clock) => new RunStore(clock), [TOKENS.Clock]);
  container
    .bind<ProgressFactory>(TOKENS.Progress)
    .toResolvedValue((clock: Clock, env: Env) => createProgressFactory({ clock, env, stream: process.stderr }), [TOKENS.Clock, TOKENS.Env]);
  container.bind<Output>(TOKENS.Output).toConstantValue((text) => process.stdout.write(text));
  // Secrets the config carries (header values, URL userinfo and query keys) are masked from the moment it is read.
  container.bind<(path: string) => Promise<LoadedConfig>>(TOKENS.ConfigLoader).toResolvedValue(
    (redactor: Redactor) => async (path: string) => {
      const loaded = await loadConfig(path);
      registerConfigSecrets(loaded.config, redactor);
      return loaded;
    },
    [TOKENS.Redactor],
  );
  container.bind<PluginLoader>(TOKENS.PluginLoader).toResolvedValue((clock: Clock) => new PluginLoader(clock), [TOKENS.Clock]);
  container.bind<Scheduler>(TOKENS.Scheduler).toResolvedValue((clock: Clock) => new Scheduler(clock), [TOKENS.Clock]);
  container.bind<Reporter>(TOKENS.Reporter).toResolvedValue(() => new Reporter());
  container.bind<ImagePreparer>(TOKENS.Images).toResolvedValue(() => new ImagePreparer());
  container
    .bind<RunMerger>(TOKENS.Merger)
    .toResolvedValue(
      (clock: Clock, runStore: RunStore, reporter: Reporter, plugins: PluginLoader) => new RunMerger({ clock, runStore, reporter, plugins }),
      [TOKENS.Clock, TOKENS.RunStore, TOKENS.Reporter, TOKENS.PluginLoader],
    );
  container
    .bind<Evaluator>(TOKENS.Evaluator)
    .toResolvedValue(
      (
        clock: Clock,
        logger: Logger,
        http: Got,
        env: Env,
        redactor: Redactor,
        runStore: RunStore,
        progress: ProgressFactory,
        output: Output,
        configLoader: (path: string) => Promise<LoadedConfig>,
        plugins: PluginLoader,
        scheduler: Scheduler,
        reporter: Reporter,
        images: ImagePreparer,
        transport: Transport,
      ) => new Evaluator({ clock, logger, http, env, redactor, runStore, progress, output, loadConfig: configLoader, plugins, scheduler, reporter, images, transport }),
      [
        TOKENS.Clock,
        TOKENS.Logger,
        TOKENS.Http,
        TOKENS.Env,
        TOKENS.Redactor,
        TOKENS.RunStore,
        TOKENS.Progress,
        TOKENS.Output,
        TOKENS.ConfigLoader,
        TOKENS.PluginLoader,
        TOKENS.Scheduler,
        TOKENS.Reporter,
        TOKENS.Images,
        TOKENS.Transport,
      ],
    );
  return container;
}
