import { join, resolve } from 'node:path';
import type { Got } from 'got';
import { EMPTY, catchError, concat, lastValueFrom, merge, tap, throwError } from 'rxjs';
import type { Logger } from '../contracts/context.js';
import type { LoadedConfig } from '../config/load.js';
import { DataError, EXIT } from '../errors.js';
import { evaluatePair } from '../pipeline/evaluate-pair.js';
import type { PairPlan } from '../pipeline/plan.js';
import type { ProgressFactory } from '../pipeline/progress.js';
import { computeResults } from '../report/compute-results.js';
import { ResponseCache } from '../cache/response-cache.js';
import type { ImagePreparer } from '../images/image-preparer.js';
import { withJudgements } from '../report/judgements.js';
import { sampleLookupFromTasks } from '../report/html/sample-lookup.js';
import type { Reporter } from '../report/reporter.js';
import type { MetricsFile } from '../report/results.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { Clock } from '../services/clock.js';
import type { Env } from '../services/env.js';
import type { Transport } from '../services/transport.js';
import { readPredictions } from '../store/predictions-file.js';
import { StoreError } from '../store/store-error.js';
import type { Run, RunStore } from '../store/run-store.js';
import type { Redactor } from '../util/redact.js';
import type { PluginLoader } from '../../registry/plugin-loader.js';
import type { PluginRegistry } from '../../registry/registry.js';
import { buildPlan, type RunSelection } from './build-plan.js';
import { configHash } from './config-hash.js';
import { gitCommit } from './git-commit.js';
import { openProject } from './open-project.js';
import { PACKAGE_DIR } from './package-dir.js';
import { cacheRoot, createPluginContext } from './plugin-context.js';

export interface RunRequest {
  readonly configPath: string;
  readonly selection: RunSelection;
  readonly fresh: boolean;
  /** Overrides the config's `output` folder. */
  readonly out?: string;
  readonly argv: readonly string[];
  /** Print metrics.json instead of the tables. */
  readonly json: boolean;
  /** Use the response cache shared across runs (off with --no-cache). */
  readonly cache: boolean;
}

export interface RunOutcome {
  readonly exitCode: number;
  readonly runDir: string;
}

export interface EvaluatorDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly http: Got;
  readonly env: Env;
  readonly redactor: Redactor;
  readonly runStore: RunStore;
  readonly progress: ProgressFactory;
  readonly output: (text: string) => void;
  readonly loadConfig: (path: string) => Promise<LoadedConfig>;
  readonly plugins: PluginLoader;
  readonly scheduler: Scheduler;
  readonly reporter: Reporter;
  readonly images: ImagePreparer;
  readonly transport: Transport;
}

/**
 * `bench run`: config -> registry -> plan -> one streaming pipeline over every task x model pair ->
 * predictions files -> metrics.json, report.md and the table on stdout.
 */
export class Evaluator {
  constructor(private readonly deps: EvaluatorDependencies) {}

  async run(request: RunRequest, stop: AbortSignal): Promise<RunOutcome> {
    const { clock, logger } = this.deps;
    const { loaded, registry } = await openProject(request.configPath, this.deps);
    const context = createPluginContext({ ...this.deps, signal: stop });
    const plans = buildPlan(loaded.config, registry, context, this.deps.scheduler, { configDir: loaded.dir, packageDir: PACKAGE_DIR }, request.selection);

    const run = await this.deps.runStore.open({
      output: resolve(loaded.dir, request.out ?? loaded.config.output),
      configHash: configHash(loaded.config),
      fresh: request.fresh,
      ...(request.selection.shard ? { shard: request.selection.shard } : {}),
      init: {
        configFile: loaded.file,
        config: loaded.config,
        plugins: Object.fromEntries(registry.plugins.map((p) => [p.definition.name, p.definition.version ?? p.origin.version ?? 'unknown'])),
        gitCommit: gitCommit(loaded.dir),
      },
    });
    logger.info(`${run.resumed ? 'resuming' : 'starting'} run ${run.dir}`);
    await run.startSession([...request.argv], new Date(clock.now()).toISOString());

    const cache = request.cache ? new ResponseCache(join(cacheRoot(this.deps.env), 'responses')) : undefined;
    let pairErrors: { all: number; badData: number };
    let metrics: MetricsFile;
    try {
      pairErrors = await this.evaluate(plans, run, stop, cache);
      metrics = this.report(plans, run, registry, loaded.config.bootstrap.samples, loaded.config.seed);
    } catch (error) {
      // The manifest says the session failed; what was written stays, and a rerun resumes.
      await run.endSession('failed', new Date(clock.now()).toISOString()).catch(() => undefined);
      throw error;
    }

    const failed = Object.values(metrics.counts).flatMap((byModel) => Object.values(byModel)).reduce((n, c) => n + c.failed, 0);
    const status = stop.aborted ? 'interrupted' : pairErrors.all || failed ? 'partial' : 'done';
    await run.endSession(status, new Date(clock.now()).toISOString());

    this.deps.output(request.json ? JSON.stringify(metrics, null, 2) + '\n' : this.deps.reporter.render(metrics) + '\n');
    if (failed) logger.warn(`${failed} sample(s) failed after retries; their errors are in the predictions files (rerun to retry them)`);
    // An interrupted run does not re-read the datasets for prompts and images: Ctrl-C must stay quick.
    const samples = stop.aborted ? undefined : sampleLookupFromTasks(plans.map((plan) => plan.task));
    try {
      logger.info(`report: ${await this.deps.reporter.writeHtml(run, metrics, { samples, warn: logger.warn })}`);
    } catch (error) {
      logger.warn(`report.html not written: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.deps.output(`${run.dir}\n`);
    // A dataset that cannot be read is a usage error (2): fix the data; rerunning as is fails the same way.
    const exitCode = stop.aborted ? EXIT.interrupted : pairErrors.badData ? EXIT.usage : pairErrors.all || failed ? EXIT.someFailed : EXIT.done;
    return { exitCode, runDir: run.dir };
  }

  /** Runs every pair in one merged stream; returns how many pairs stopped on an error, and of those on unreadable data. */
  private async evaluate(plans: readonly PairPlan[], run: Run, stop: AbortSignal, cache: ResponseCache | undefined): Promise<{ all: number; badData: number }> {
    const { logger, redactor, scheduler, images } = this.deps;
    const progress = this.deps.progress();
    const pairErrors = { all: 0, badData: 0 };
    const streamOf = (plan: PairPlan) => {
      const label = `${plan.task.key} x ${plan.model.name}`;
      return evaluatePair(plan, {
        scheduler,
        images,
        ...(cache ? { cache } : {}),
        logger,
        redactor,
        stop,
        progress: progress.add(label),
        predictionsPath: run.predictionsPath(plan.task.key, plan.model.name),
        ...(plan.judge
          ? { judge: { predictionsPath: run.judgePath(plan.task.key, plan.model.name), progress: progress.add(`${label} (judge ${plan.judge.model.name})`) } }
          : {}),
      }).pipe(
        catchError((error: unknown) => {
          // Results that cannot be written stop the whole run; other failures end only their pair.
          if (error instanceof StoreError) return throwError(() => error);
          pairErrors.all++;
          if (error instanceof DataError) pairErrors.badData++;
          logger.error(redactor.redact(`${label}: ${error instanceof Error ? error.message : String(error)}`));
          return EMPTY;
        }),
      );
    };
    // A model's tasks run one after another, so requests sharing a prompt (and the server's prefix
    // cache) come together; different models run at the same time.
    const byModel = new Map<string, PairPlan[]>();
    for (const plan of plans) byModel.set(plan.model.name, [...(byModel.get(plan.model.name) ?? []), plan]);
    const streams = [...byModel.values()].map((modelPlans) => concat(...modelPlans.map(streamOf)));
    try {
      await lastValueFrom(merge(...streams).pipe(tap(() => progress.tick())), { defaultValue: undefined });
    } finally {
      progress.stop();
      await Promise.all(
        plans.map((plan) => plan.instance.close?.().catch((error: unknown) => logger.warn(`${plan.model.name}: closing failed: ${String(error)}`))),
      );
    }
    return pairErrors;
  }

  /** Metrics of the planned pairs, merged into what earlier sessions wrote for other pairs. */
  private report(plans: readonly PairPlan[], run: Run, registry: PluginRegistry, bootstrapSamples: number, seed: number): MetricsFile {
    const current = computeResults(
      plans.map((plan) => ({
        taskKey: plan.task.key,
        task: plan.task.task,
        split: plan.task.split,
        modelName: plan.model.name,
        records: withJudgements(
          [...readPredictions(run.predictionsPath(plan.task.key, plan.model.name)).records.values()],
          plan.judge ? readPredictions(run.judgePath(plan.task.key, plan.model.name)).records : undefined,
        ),
      })),
      (id) => registry.metric(id, 'task metric'),
      { runId: run.id, now: new Date(this.deps.clock.now()), bootstrapSamples, seed },
    );
    return this.deps.reporter.write(run.dir, current);
  }
}
