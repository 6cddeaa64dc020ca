import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMPTY, catchError, concat, lastValueFrom, merge, tap, throwError } from 'rxjs';
import { redactedConfig } from '../config/secrets.js';
import { DataError, EXIT } from '../errors.js';
import { evaluatePair } from '../pipeline/evaluate-pair.js';
import type { PairPlan } from '../pipeline/plan.js';
import { computeResults } from '../report/compute-results.js';
import { ResponseCache } from '../cache/response-cache.js';
import { withJudgements } from '../report/judgements.js';
import { sampleLookupFromTasks } from '../report/html/sample-lookup.js';
import type { MetricsFile } from '../report/results.js';
import { readPredictions } from '../store/predictions-file.js';
import { StoreError } from '../store/store-error.js';
import type { Run } from '../store/run-store.js';
import type { PluginRegistry } from '../registry/registry.js';
import { buildPlan, type RunSelection } from './build-plan.js';
import { priorWarning } from './label-prior.js';
import { identityDifferences, identityHash, runIdentity, type RunIdentity } from './run-identity.js';
import { gitCommit } from './git-commit.js';
import { openProject } from './open-project.js';
import { PACKAGE_DIR } from './package-dir.js';
import { preflight } from './preflight.js';
import { cacheRoot, createPluginContext } from './plugin-context.js';
import { stableJson } from '../util/stable-json.js';
import { TOKENS, type Dependencies, type ServicesOf } from '../tokens.js';

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
  /** Undefined when the run answered nothing and its new folder was removed. */
  readonly runDir: string | undefined;
}

/**
 * The services `bench run` runs on, by the container token each comes from: the container binds the
 * Evaluator from this list and the case-study commands resolve theirs from it.
 */
export const EVALUATOR_DEPENDENCIES = {
  clock: TOKENS.Clock,
  logger: TOKENS.Logger,
  http: TOKENS.Http,
  env: TOKENS.Env,
  redactor: TOKENS.Redactor,
  runStore: TOKENS.RunStore,
  progress: TOKENS.Progress,
  output: TOKENS.Output,
  loadConfig: TOKENS.ConfigLoader,
  plugins: TOKENS.PluginLoader,
  scheduler: TOKENS.Scheduler,
  reporter: TOKENS.Reporter,
  images: TOKENS.Images,
  transport: TOKENS.Transport,
} satisfies Dependencies;

export type EvaluatorDependencies = ServicesOf<typeof EVALUATOR_DEPENDENCIES>;

/**
 * `bench run`: config -> registry -> plan -> one streaming pipeline over every task x model pair ->
 * predictions files -> metrics.json, report.md and the table on stdout.
 */
export class Evaluator {
  constructor(private readonly deps: EvaluatorDependencies) {}

  async run(request: RunRequest, stop: AbortSignal): Promise<RunOutcome> {
    const { clock, logger } = this.deps;
    const { loaded, registry } = await openProject(request.configPath, this.deps);
    const commit = gitCommit(loaded.dir);
    const context = createPluginContext({ ...this.deps, signal: stop });
    const plans = buildPlan(loaded.config, registry, context, this.deps.scheduler, { configDir: loaded.dir, packageDir: PACKAGE_DIR }, request.selection);
    await preflight(plans, stop, this.deps.redactor);
    const identity = runIdentity(loaded.config, registry, request.selection);
    const output = resolve(loaded.dir, request.out ?? loaded.config.output);

    const run = await this.deps.runStore.open({
      output,
      configHash: identityHash(identity),
      fresh: request.fresh,
      ...(request.selection.shard ? { shard: request.selection.shard } : {}),
      init: {
        configFile: loaded.file,
        identity,
        config: redactedConfig(loaded.config, this.deps.redactor),
        plugins: Object.fromEntries(registry.plugins.map((p) => [p.definition.name, p.definition.version ?? p.origin.version ?? 'unknown'])),
        gitCommit: await commit,
      },
    });
    logger.info(`${run.resumed ? 'resuming' : 'starting'} run ${run.dir}`);
    if (!run.resumed && !request.fresh) this.explainNewRun(output, identity, request.selection.shard, run.id);
    await run.startSession([...request.argv], new Date(clock.now()).toISOString());

    const cache = request.cache ? new ResponseCache(join(cacheRoot(this.deps.env), 'responses')) : undefined;
    const selections = new Map<PairPlan, ReadonlySet<string>>();
    let pairErrors: { all: number; badData: number };
    let metrics: MetricsFile;
    try {
      pairErrors = await this.evaluate(plans, run, stop, cache, selections);
      // A failed run with nothing to resume leaves no folder; an interrupted one keeps its folder (and
      // its manifest says `interrupted`), so the rerun resumes it as the user expects.
      if (pairErrors.all && !stop.aborted && this.discardUnanswered(plans, run)) {
        logger.warn(`no sample was answered: run folder ${run.dir} removed (there is nothing to resume)`);
        return { exitCode: pairErrors.badData ? EXIT.usage : EXIT.someFailed, runDir: undefined };
      }
      metrics = this.report(plans, run, registry, loaded.config.bootstrap.samples, loaded.config.seed, selections);
    } catch (error) {
      if (this.discardUnanswered(plans, run)) throw error;
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
    // With --json stdout is one JSON document; the run folder goes with the logs.
    if (request.json) logger.info(`run folder: ${run.dir}`);
    else this.deps.output(`${run.dir}\n`);
    // A dataset that cannot be read is a usage error (2): fix the data; rerunning as is fails the same way.
    const exitCode = stop.aborted ? EXIT.interrupted : pairErrors.badData ? EXIT.usage : pairErrors.all || failed ? EXIT.someFailed : EXIT.done;
    return { exitCode, runDir: run.dir };
  }

  /**
   * A new run of a config that has an earlier run with another selection of samples: says what differs,
   * so nobody takes the new folder's numbers for a continuation of the old one.
   */
  private explainNewRun(output: string, identity: RunIdentity, shard: RunSelection['shard'], runId: string): void {
    const earlier = this.deps.runStore.newest(
      output,
      (manifest) => manifest.runId !== runId && manifest.identity?.config === identity.config && stableJson(manifest.shard ?? null) === stableJson(shard ?? null),
    );
    if (!earlier?.manifest.identity) return;
    const differences = identityDifferences(earlier.manifest.identity, identity);
    if (differences.length) this.deps.logger.info(`not resuming ${earlier.name}: it evaluated other samples (${differences.join('; ')}); its results stay as they are`);
  }

  /** Removes a run folder this session created when no pair wrote an answer to it; true when it did. */
  private discardUnanswered(plans: readonly PairPlan[], run: Run): boolean {
    if (run.resumed) return false;
    const written = (path: string) => existsSync(path) && statSync(path).size > 0;
    if (plans.some((plan) => written(run.predictionsPath(plan.task.key, plan.model.name)))) return false;
    this.deps.runStore.discard(run);
    return true;
  }

  /** Runs every pair in one merged stream; returns how many pairs stopped on an error, and of those on unreadable data. */
  private async evaluate(
    plans: readonly PairPlan[],
    run: Run,
    stop: AbortSignal,
    cache: ResponseCache | undefined,
    selections: Map<PairPlan, ReadonlySet<string>>,
  ): Promise<{ all: number; badData: number }> {
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
        progress: Object.assign(progress.add(label), { endpoints: () => plan.model.slots.pool.status() }),
        predictionsPath: run.predictionsPath(plan.task.key, plan.model.name),
        selection: (ids) => selections.set(plan, ids),
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

  /**
   * Metrics of the planned pairs, merged into what earlier sessions wrote for other pairs. A pair whose
   * selection was read whole is scored on the records of exactly those samples (a record of a sample
   * the data no longer selects, e.g. after the data folder was replaced, is left out and said so).
   */
  private report(
    plans: readonly PairPlan[],
    run: Run,
    registry: PluginRegistry,
    bootstrapSamples: number,
    seed: number,
    selections: ReadonlyMap<PairPlan, ReadonlySet<string>>,
  ): MetricsFile {
    const selectedRecords = (plan: PairPlan) => {
      const records = [...readPredictions(run.predictionsPath(plan.task.key, plan.model.name)).records.values()];
      const ids = selections.get(plan);
      if (!ids) return records;
      const kept = records.filter((record) => ids.has(record.id));
      if (kept.length < records.length) {
        this.deps.logger.warn(`${plan.task.key} x ${plan.model.name}: ${records.length - kept.length} record(s) of samples outside this run's selection left out of the metrics`);
      }
      return kept;
    };
    const checked = new Set<string>();
    const current = computeResults(
      plans.map((plan) => {
        const records = selectedRecords(plan);
        // Gold labels are the same for every model of a task: one warning per task.
        if (!checked.has(plan.task.key)) {
          checked.add(plan.task.key);
          const warning = priorWarning(plan.task.key, plan.task.task, plan.task.options, records);
          if (warning) this.deps.logger.warn(warning);
        }
        return {
          taskKey: plan.task.key,
          task: plan.task.task,
          split: plan.task.split,
          modelName: plan.model.name,
          records: withJudgements(records, plan.judge ? readPredictions(run.judgePath(plan.task.key, plan.model.name)).records : undefined),
        };
      }),
      (id) => registry.metric(id, 'task metric'),
      { runId: run.id, now: new Date(this.deps.clock.now()), bootstrapSamples, seed },
    );
    return this.deps.reporter.write(run.dir, current);
  }
}
