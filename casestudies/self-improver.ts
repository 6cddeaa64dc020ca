import { resolve } from 'node:path';
import { EXIT, UsageError } from '../core/errors.js';
import type { PairPlan } from '../core/pipeline/plan.js';
import type { RunSelection } from '../core/run/build-plan.js';
import { identityHash, runIdentity } from '../core/run/run-identity.js';
import { gitCommit } from '../core/run/git-commit.js';
import { readPredictions } from '../core/store/predictions-file.js';
import { sha256Hex } from '../core/util/hash.js';
import { closeInstances, openProject, planPairs, responseCache, runPass, stageDependencies, type CaseStudyServices, type Project } from './project.js';
import { roundFigures, type RoundFigures } from './selfimprove-figures.js';
import { pairMarkdown, writeSelfImprove } from './selfimprove-report.js';
import { roundPath, roundStage } from './selfimprove-rounds.js';

export interface SelfImproveRequest {
  readonly configPath: string;
  /** Task key of the config. */
  readonly task: string;
  /** Model key of the config. */
  readonly model: string;
  /** Rounds after round 0: files round-0 ... round-K. */
  readonly rounds: number;
  readonly limit?: number;
  readonly split?: string;
  readonly fresh: boolean;
  /** Overrides the config's `output` folder. */
  readonly out?: string;
  readonly cache: boolean;
  readonly argv: readonly string[];
}

export interface SelfImproveOutcome {
  readonly exitCode: number;
  readonly runDir: string;
  readonly rounds: readonly RoundFigures[];
}

/**
 * Self-improvement runs have their own run folders: the same config and selection of samples resumes
 * its latest one, and `bench run` never mistakes one for an evaluation run of that config.
 */
function selfImproveHash(project: Project, selection: RunSelection): string {
  return sha256Hex(`selfimprove\u0000${identityHash(runIdentity(project.loaded.config, project.registry, selection))}`).slice(0, 16);
}

/**
 * `bench selfimprove`: a model answers a classification task (round 0), then, round after round, is
 * shown its previous answer and asked to reconsider. Every round is a resumable pass with its own
 * file; the per-round accuracy, macro-F1 and agreement with round 0 go to the run folder.
 */
export class SelfImprover {
  constructor(private readonly services: CaseStudyServices) {}

  async run(request: SelfImproveRequest, stop: AbortSignal): Promise<SelfImproveOutcome> {
    const { services } = this;
    const project = await openProject(request.configPath, services, stop);
    const selection = { tasks: [request.task], models: [request.model], limit: request.limit, split: request.split };
    const pairs = planPairs(project, services.scheduler, selection);
    try {
      const pair = this.checked(pairs, request);
      const run = await services.runStore.open({
        output: resolve(project.loaded.dir, request.out ?? project.loaded.config.output),
        configHash: selfImproveHash(project, selection),
        fresh: request.fresh,
        label: 'selfimprove',
        init: await this.manifest(project),
      });
      services.logger.info(`${run.resumed ? 'resuming' : 'starting'} self-improvement run ${run.dir}`);
      await run.startSession([...request.argv], new Date(services.clock.now()).toISOString());

      const failed = await this.answerRounds(pair, run.dir, request, stop);
      const rounds = roundFigures(
        Array.from({ length: request.rounds + 1 }, (_, round) => readPredictions(roundPath(run.dir, pair.task.key, pair.model.name, round)).records),
        { accuracy: project.registry.metric('accuracy', 'selfimprove'), macroF1: project.registry.metric('macro-f1', 'selfimprove') },
        { labels: pair.task.task.labels },
      );
      const summary = { task: pair.task.task.id, split: pair.task.split, rounds };
      writeSelfImprove(run.dir, run.id, pair.task.key, pair.model.name, summary, (text) => services.redactor.redact(text));

      const status = stop.aborted ? 'interrupted' : failed ? 'partial' : 'done';
      await run.endSession(status, new Date(services.clock.now()).toISOString());
      services.output(pairMarkdown(pair.task.key, pair.model.name, summary));
      if (failed) services.logger.warn(`${failed} answer(s) failed after retries; rerun to retry them (later rounds ask only what the round before answered)`);
      services.output(`${run.dir}\n`);
      return { exitCode: stop.aborted ? EXIT.interrupted : failed ? EXIT.someFailed : EXIT.done, runDir: run.dir, rounds };
    } finally {
      await closeInstances(pairs, services.logger);
    }
  }

  private checked(pairs: readonly PairPlan[], request: SelfImproveRequest): PairPlan {
    const pair = pairs[0];
    if (!pair) throw new UsageError(`--model: ${request.model} cannot answer task ${request.task}`);
    const { task } = pair.task;
    if (task.kind !== 'classification' || !task.labels?.length) {
      throw new UsageError(`--task: self-improvement reports accuracy and macro-F1, so it needs a classification task; ${request.task} (${task.id}) is a ${task.kind ?? 'free-text'} task`);
    }
    if (pair.instance.fit) throw new UsageError(`--model: ${request.model} learns from the train split and does not read a conversation; self-improvement needs a model that reads its previous answer`);
    return pair;
  }

  private async manifest(project: Project) {
    const { loaded, registry } = project;
    return {
      configFile: loaded.file,
      config: loaded.config,
      plugins: Object.fromEntries(registry.plugins.map((p) => [p.definition.name, p.definition.version ?? p.origin.version ?? 'unknown'])),
      gitCommit: await gitCommit(loaded.dir),
    };
  }

  /** Rounds one after another: each asks about the answers of the one before. Returns the failures. */
  private async answerRounds(pair: PairPlan, runDir: string, request: SelfImproveRequest, stop: AbortSignal): Promise<number> {
    const { services } = this;
    const progress = services.progress();
    const cache = responseCache(services.env, request.cache);
    let failed = 0;
    try {
      for (let round = 0; round <= request.rounds && !stop.aborted; round++) {
        const deps = stageDependencies(services, { stop, cache, progress: progress.add(`${pair.task.key} x ${pair.model.name} round ${round}`) });
        failed += (await runPass(roundStage(pair, runDir, round), deps, () => progress.tick())).failed;
      }
    } finally {
      progress.stop();
    }
    return failed;
  }
}
