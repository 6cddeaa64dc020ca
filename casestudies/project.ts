import { join } from 'node:path';
import type { Container } from 'inversify';
import { lastValueFrom, tap } from 'rxjs';
import { ResponseCache } from '../core/cache/response-cache.js';
import type { LoadedConfig } from '../core/config/load.js';
import { resolveServices } from '../core/tokens.js';
import type { Logger, PluginContext } from '../core/contracts/context.js';
import { runStage, type AnswerStage, type StageDependencies } from '../core/pipeline/answer-stage.js';
import type { PairPlan, TaskPlan } from '../core/pipeline/plan.js';
import type { PairProgress } from '../core/pipeline/progress.js';
import { buildPlan, planTasks, type RunSelection } from '../core/run/build-plan.js';
import { openProject as openRunProject } from '../core/run/open-project.js';
import { PACKAGE_DIR } from '../core/run/package-dir.js';
import { cacheRoot, createPluginContext } from '../core/run/plugin-context.js';
import type { Scheduler } from '../core/scheduler/scheduler.js';
import { EVALUATOR_DEPENDENCIES, type EvaluatorDependencies } from '../core/run/evaluator.js';
import type { Env } from '../core/services/env.js';
import type { PluginRegistry } from '../core/registry/registry.js';

/** The container's services the case-study commands run on: those of `bench run`, but its reporter. */
export type CaseStudyServices = Omit<EvaluatorDependencies, 'reporter'>;

export function caseStudyServices(container: Container): CaseStudyServices {
  return resolveServices(container, EVALUATOR_DEPENDENCIES);
}

/** A loaded config with its plugins, ready to plan from. */
export interface Project {
  readonly loaded: LoadedConfig;
  readonly registry: PluginRegistry;
  readonly context: PluginContext;
}

/** Config -> registry, refusing a project whose plugins have problems (as `bench run` does). */
export async function openProject(configPath: string, services: CaseStudyServices, stop: AbortSignal): Promise<Project> {
  const { loaded, registry } = await openRunProject(configPath, services);
  return { loaded, registry, context: createPluginContext({ ...services, signal: stop }) };
}

export function planPairs(project: Project, scheduler: Scheduler, selection: RunSelection): PairPlan[] {
  return buildPlan(project.loaded.config, project.registry, project.context, scheduler, { configDir: project.loaded.dir, packageDir: PACKAGE_DIR }, selection);
}

/** The tasks alone, when no model is asked anything (no model instance is made). */
export function planTasksOf(project: Project, selection: RunSelection): TaskPlan[] {
  return planTasks(project.loaded.config, project.registry, { configDir: project.loaded.dir, packageDir: PACKAGE_DIR }, selection);
}

/** The response cache shared across runs, unless the command was given --no-cache. */
export function responseCache(env: Env, enabled: boolean): ResponseCache | undefined {
  return enabled ? new ResponseCache(join(cacheRoot(env), 'responses')) : undefined;
}

/** Frees what the planned model instances hold. */
export async function closeInstances(pairs: readonly PairPlan[], logger: Logger): Promise<void> {
  await Promise.all(
    pairs.map((pair) => pair.instance.close?.().catch((error: unknown) => logger.warn(`${pair.model.name}: closing failed: ${String(error)}`))),
  );
}

/** Runs one pass to its end on the project's services; returns how many samples failed in it. */
export async function runPass(stage: AnswerStage, deps: StageDependencies, tick: () => void): Promise<{ failed: number }> {
  let failed = 0;
  await lastValueFrom(
    runStage(stage, deps).pipe(
      tap((record) => {
        if (record.error !== null && !record.skipped) failed++;
        tick();
      }),
    ),
    { defaultValue: undefined },
  );
  return { failed };
}

export function stageDependencies(services: CaseStudyServices, run: { stop: AbortSignal; cache: ResponseCache | undefined; progress: PairProgress }): StageDependencies {
  const { scheduler, images, logger, redactor } = services;
  return { scheduler, images, logger, redactor, stop: run.stop, progress: run.progress, ...(run.cache ? { cache: run.cache } : {}) };
}
