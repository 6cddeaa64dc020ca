import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isSkipped } from '../core/contracts/sample.js';
import { EXIT, UsageError } from '../core/errors.js';
import { errorMessage } from '../core/pipeline/answer-stage.js';
import type { PairPlan, TaskPlan } from '../core/pipeline/plan.js';
import { UnusableImage } from '../core/pipeline/resolve-messages.js';
import { markdownTable } from '../core/report/text-table.js';
import { didYouMean } from '../core/registry/close-matches.js';
import { loadExplanationPrompts, promptsForTask } from './explanation-prompts.js';
import { explanationStage, explanationsPath } from './explanations.js';
import { ImageFiles } from './image-files.js';
import { jsonLinesWriter, type ItemWriter } from './json-writers.js';
import { closeInstances, openProject, planPairs, planTasksOf, responseCache, runPass, stageDependencies, type CaseStudyServices, type Project } from './project.js';
import { sftExample } from './sft-example.js';
import { formatFile, llamaFactoryDatasetInfo, SftWriters, type SftFormat } from './sft-formats.js';
import { selectedItems } from '../core/pipeline/task-items.js';
import { TeacherExplanations, type Explanation } from './teacher-explanations.js';

export interface SftExportRequest {
  readonly configPath: string;
  /** Task keys of the config (default: all). */
  readonly tasks?: readonly string[];
  /** Split to export (default: each task's train split). */
  readonly split?: string;
  readonly limit?: number;
  readonly formats: readonly SftFormat[];
  /** Export folder, relative to the config file (default `exports/sft`). */
  readonly out?: string;
  /** Model key of the config that explains each sample's label. */
  readonly teacher?: string;
  /** JSON file laid over the built-in explanation prompts. */
  readonly promptsFile?: string;
  readonly cache: boolean;
}

export interface TaskExportCounts {
  readonly exported: number;
  /** Rows the task could not use (unknown label, unreadable image, no reference text to learn). */
  readonly skipped: number;
  /** Samples left out because the teacher has no explanation for them (it failed or said nothing). */
  readonly missingExplanation?: number;
}

export interface SftExportOutcome {
  readonly exitCode: number;
  readonly outDir: string;
  readonly counts: Readonly<Record<string, TaskExportCounts>>;
}

export const DEFAULT_EXPORT_DIR = 'exports/sft';

/** How the teacher is asked, for the export manifest (see explanationMessages). */
const TEACHER_CONVERSATION = "user: the task's prompt; assistant: the gold answer; user: the label's explanation prompt";

/** Where exported samples go: the image folder, the training files and the provenance lines. */
interface Sinks {
  readonly images: ImageFiles;
  readonly writers: SftWriters;
  readonly provenance: ItemWriter;
}

interface Teacher {
  readonly key: string;
  readonly pairs: ReadonlyMap<string, PairPlan>;
  readonly prompts: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

function exportSplit(task: TaskPlan, split: string | undefined): string {
  const chosen = split ?? task.trainSplit;
  if (chosen === undefined) throw new UsageError(`tasks.${task.key}: task ${task.task.id} has no train split; pass --split or set tasks.${task.key}.trainSplit`);
  return chosen;
}

/**
 * `bench export sft`: instruction-tuning data from any task, in the formats trainers read, written as
 * samples are read and byte-identical for the same input. With a teacher, each target answer is
 * followed by the teacher's explanation of the gold label, asked first in a resumable pass.
 */
export class SftExporter {
  constructor(private readonly services: CaseStudyServices) {}

  async export(request: SftExportRequest, stop: AbortSignal): Promise<SftExportOutcome> {
    const project = await openProject(request.configPath, this.services, stop);
    const prompts = request.teacher === undefined ? undefined : loadExplanationPrompts(request.promptsFile);
    const pairs = request.teacher === undefined ? [] : this.teacherPairs(project, request.teacher, request);
    try {
      const tasks =
        request.teacher === undefined
          ? planTasksOf(project, { tasks: request.tasks, limit: request.limit })
          : [...new Map(pairs.map((pair) => [pair.task.key, pair.task])).values()];
      const splits = new Map(tasks.map((task) => [task.key, exportSplit(task, request.split)]));
      const teacher: Teacher | undefined =
        prompts && request.teacher !== undefined
          ? {
              key: request.teacher,
              pairs: new Map(pairs.map((pair) => [pair.task.key, pair])),
              prompts: new Map(tasks.map((task) => [task.key, promptsForTask(prompts, task.task, task.key)])),
            }
          : undefined;
      const outDir = resolve(project.loaded.dir, request.out ?? DEFAULT_EXPORT_DIR);
      if (teacher) {
        await this.explain(teacher, splits, outDir, request.cache, stop);
        if (stop.aborted) return { exitCode: EXIT.interrupted, outDir, counts: {} };
      }
      return await this.write(tasks, splits, teacher, outDir, request.formats);
    } finally {
      await closeInstances(pairs, this.services.logger);
    }
  }

  /** Each task paired with the teacher model. */
  private teacherPairs(project: Project, teacher: string, request: SftExportRequest): PairPlan[] {
    const { config } = project.loaded;
    if (!(teacher in config.models)) {
      throw new UsageError(`--explain-with: '${teacher}' is not a key of the config's models${didYouMean(teacher, Object.keys(config.models))}`);
    }
    const pairs = planPairs(project, this.services.scheduler, { tasks: request.tasks, limit: request.limit, models: [teacher] });
    const wanted = request.tasks ?? Object.keys(config.tasks);
    const unanswerable = wanted.filter((key) => !pairs.some((pair) => pair.task.key === key));
    if (unanswerable.length) throw new UsageError(`--explain-with: model ${teacher} cannot answer task(s) ${unanswerable.join(', ')}`);
    return pairs;
  }

  /** The teacher's pass over each task, one after another (requests sharing a prompt come together). */
  private async explain(teacher: Teacher, splits: ReadonlyMap<string, string>, outDir: string, cache: boolean, stop: AbortSignal): Promise<void> {
    const { services } = this;
    const progress = services.progress();
    const shared = responseCache(services.env, cache);
    try {
      for (const [key, pair] of teacher.pairs) {
        if (stop.aborted) return;
        const stage = explanationStage(pair, splits.get(key)!, explanationsPath(outDir, key, teacher.key), teacher.prompts.get(key)!);
        const deps = stageDependencies(services, { stop, cache: shared, progress: progress.add(`explain ${key} (${teacher.key})`) });
        const { failed } = await runPass(stage, deps, () => progress.tick());
        if (failed) services.logger.warn(`${key}: the teacher failed on ${failed} sample(s); they are left out of the export (rerun to retry them)`);
      }
    } finally {
      progress.stop();
    }
  }

  private async write(tasks: readonly TaskPlan[], splits: ReadonlyMap<string, string>, teacher: Teacher | undefined, outDir: string, formats: readonly SftFormat[]): Promise<SftExportOutcome> {
    const { logger, redactor, output } = this.services;
    const redact = (text: string) => redactor.redact(text);
    const sinks: Sinks = { images: new ImageFiles(outDir), writers: new SftWriters(outDir, formats, redact), provenance: jsonLinesWriter(join(outDir, 'provenance.jsonl'), redact) };
    const counts: Record<string, TaskExportCounts> = {};
    for (const task of tasks) {
      const pair = teacher?.pairs.get(task.key);
      const explained =
        teacher && pair
          ? { teacher: teacher.key, pair, explanations: new TeacherExplanations(pair, teacher.prompts.get(task.key)!, explanationsPath(outDir, task.key, teacher.key)) }
          : undefined;
      counts[task.key] = await this.exportTask(task, splits.get(task.key)!, explained, sinks);
    }
    sinks.writers.finish();
    sinks.provenance.finish();
    if (formats.includes('sharegpt')) writeFileSync(join(outDir, 'dataset_info.json'), JSON.stringify(llamaFactoryDatasetInfo(), null, 2) + '\n');
    writeFileSync(join(outDir, 'export.json'), redact(JSON.stringify(this.manifest(tasks, splits, teacher, formats, counts), null, 2)) + '\n');

    const missing = Object.values(counts).reduce((n, c) => n + (c.missingExplanation ?? 0), 0);
    output(
      markdownTable(
        ['Task', 'Split', 'Exported', 'Skipped', ...(teacher ? ['No explanation'] : [])],
        tasks.map((task) => {
          const c = counts[task.key]!;
          return [task.key, splits.get(task.key)!, String(c.exported), String(c.skipped), ...(teacher ? [String(c.missingExplanation)] : [])];
        }),
      ) + '\n',
    );
    if (missing) logger.warn(`${missing} sample(s) have no explanation and were left out; rerun to retry the failed ones`);
    output(`${outDir}\n`);
    return { exitCode: missing ? EXIT.someFailed : EXIT.done, outDir, counts };
  }

  /** One task's samples, in dataset order, into the training files and provenance.jsonl. */
  private async exportTask(
    task: TaskPlan,
    split: string,
    explained: { readonly teacher: string; readonly pair: PairPlan; readonly explanations: TeacherExplanations } | undefined,
    sinks: Sinks,
  ): Promise<TaskExportCounts> {
    const { logger } = this.services;
    let exported = 0;
    let skipped = 0;
    let missingExplanation = 0;
    for await (const item of selectedItems(task, split)) {
      if (isSkipped(item)) {
        skipped++;
        continue;
      }
      let explanation: Explanation | undefined;
      if (explained) {
        explanation = explained.explanations.of(item);
        if (!explanation) {
          missingExplanation++;
          continue;
        }
      }
      const answer = task.task.answer(item.gold, task.options);
      const id = `${task.key}/${item.id}`;
      // Free-text tasks have a target only where the row has a reference text.
      if (answer.trim() === '') {
        logger.debug(`${id}: skipped: no target answer`);
        skipped++;
        continue;
      }
      let example;
      try {
        example = await sftExample(id, task.task.prompt(item, task.options), explanation ? `${answer}\n${explanation.text}` : answer, sinks.images);
      } catch (error) {
        if (!(error instanceof UnusableImage)) throw error;
        logger.warn(`${id}: skipped: ${errorMessage(error)}`);
        skipped++;
        continue;
      }
      sinks.writers.write(example);
      sinks.provenance.write({
        id,
        task: task.key,
        sample: item.id,
        split,
        gold: item.gold,
        answer,
        ...(explained && explanation
          ? { explanation: { teacher: explained.teacher, identity: explained.pair.instance.identity, prompt: explanation.prompt, hash: explanation.hash } }
          : {}),
      });
      exported++;
    }
    return { exported, skipped, ...(explained ? { missingExplanation } : {}) };
  }

  /** export.json: what was exported from where, and, with a teacher, who explained with which prompts. */
  private manifest(tasks: readonly TaskPlan[], splits: ReadonlyMap<string, string>, teacher: Teacher | undefined, formats: readonly SftFormat[], counts: Readonly<Record<string, TaskExportCounts>>) {
    return {
      files: {
        ...Object.fromEntries(formats.map((format) => [format, formatFile(format)])),
        provenance: 'provenance.jsonl',
        images: 'images/',
      },
      tasks: Object.fromEntries(tasks.map((task) => [task.key, { task: task.task.id, version: task.task.version, split: splits.get(task.key), ...counts[task.key] }])),
      ...(teacher
        ? {
            teacher: {
              model: teacher.key,
              identity: [...teacher.pairs.values()][0]!.instance.identity,
              conversation: TEACHER_CONVERSATION,
              prompts: Object.fromEntries(teacher.prompts),
              explanations: Object.fromEntries(tasks.map((task) => [task.key, explanationsPath('.', task.key, teacher.key)])),
            },
          }
        : {}),
    };
  }
}
