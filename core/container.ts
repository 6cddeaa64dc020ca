import { Container } from 'inversify';
import { TOKENS, type Dependencies, type Output, type ServicesOf, type Token } from './tokens.js';
import { systemClock } from './services/clock.js';
import { createHttpClient } from './services/http.js';
import { createTransport } from './services/transport.js';
import { createLogger, type LogLevel } from './services/logger.js';
import { processEnv } from './services/env.js';
import { createProgressFactory } from './pipeline/progress.js';
import { loadConfig } from './config/load.js';
import { registerConfigSecrets } from './config/secrets.js';
import { ImagePreparer } from './images/image-preparer.js';
import { Reporter } from './report/reporter.js';
import { Evaluator, EVALUATOR_DEPENDENCIES } from './run/evaluator.js';
import { RunMerger } from './run/merge-runs.js';
import { Scheduler } from './scheduler/scheduler.js';
import { PluginLoader } from './registry/plugin-loader.js';
import { RunStore } from './store/run-store.js';
import { Redactor } from './util/redact.js';

export { TOKENS, type Output };

/**
 * Binds the core services. Tests rebind any token (`container.rebind(TOKENS.Clock).toConstantValue(...)`)
 * before resolving the services that use it.
 */
export function createContainer(options: { logLevel?: LogLevel } = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Clock).toConstantValue(systemClock);
  container.bind(TOKENS.Env).toConstantValue(processEnv);
  container.bind(TOKENS.Output).toConstantValue((text) => process.stdout.write(text));
  container.bind(TOKENS.Stderr).toConstantValue(process.stderr);
  bindService(container, TOKENS.Redactor, {}, () => new Redactor());
  bindService(container, TOKENS.Logger, { redactor: TOKENS.Redactor, stderr: TOKENS.Stderr }, ({ redactor, stderr }) =>
    createLogger({ level: options.logLevel ?? 'info', redactor, write: (line) => stderr.write(line + '\n') }),
  );
  // Secrets the config carries (header values, URL userinfo and query keys) are masked from the moment it is read.
  bindService(container, TOKENS.ConfigLoader, { redactor: TOKENS.Redactor }, ({ redactor }) => async (path: string) => {
    const loaded = await loadConfig(path);
    registerConfigSecrets(loaded.config, redactor);
    return loaded;
  });
  bindService(container, TOKENS.Http, {}, () => createHttpClient());
  bindService(container, TOKENS.Transport, {}, () => createTransport());
  bindService(container, TOKENS.RunStore, { clock: TOKENS.Clock }, ({ clock }) => new RunStore(clock));
  bindService(container, TOKENS.Progress, { clock: TOKENS.Clock, env: TOKENS.Env, stream: TOKENS.Stderr }, (deps) => createProgressFactory(deps));
  bindService(container, TOKENS.PluginLoader, { clock: TOKENS.Clock }, ({ clock }) => new PluginLoader(clock));
  bindService(container, TOKENS.Scheduler, { clock: TOKENS.Clock }, ({ clock }) => new Scheduler(clock));
  bindService(container, TOKENS.Reporter, {}, () => new Reporter());
  bindService(container, TOKENS.Images, {}, () => new ImagePreparer());
  bindService(
    container,
    TOKENS.Merger,
    { clock: TOKENS.Clock, runStore: TOKENS.RunStore, reporter: TOKENS.Reporter, plugins: TOKENS.PluginLoader },
    (deps) => new RunMerger(deps),
  );
  bindService(container, TOKENS.Evaluator, EVALUATOR_DEPENDENCIES, (deps) => new Evaluator(deps));
  return container;
}

/**
 * Binds a service made from the services its dependency list names: the list is the only place they
 * are named, and the factory gets them by name with their tokens' types.
 */
function bindService<T, D extends Dependencies>(container: Container, token: Token<T>, dependencies: D, make: (services: ServicesOf<D>) => T): void {
  const names = Object.keys(dependencies);
  container
    .bind(token)
    .toResolvedValue((...services: unknown[]) => make(Object.fromEntries(names.map((name, i) => [name, services[i]])) as ServicesOf<D>), Object.values(dependencies));
}
