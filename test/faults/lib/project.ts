import { join } from 'node:path';
import { makeMemeDataset, tempDir, writeConfig } from '../../fixtures/datasets.js';

/** A temp project holding a Hateful-Memes-shaped dataset in `data/` (split `validation`, the task's default). */
export interface MemeProject {
  readonly dir: string;
  readonly data: string;
  readonly samples: number;
}

export async function memeProject(prefix: string, samples: number): Promise<MemeProject> {
  const dir = tempDir(prefix);
  const data = await makeMemeDataset(join(dir, 'data'), { validation: samples });
  return { dir, data, samples };
}

/** Options of the `llava` model of a project config (endpoint, concurrency, retries, ...). */
export type ModelOptions = Readonly<Record<string, unknown>>;

/**
 * Writes a config evaluating one openai-compatible model `llava` at `endpoint` on the project's
 * hate-speech data, and returns its path. Several configs may live in one project (`name`).
 */
export function llavaConfig(project: MemeProject, endpoint: string, model: ModelOptions = {}, name = 'bench.config.ts'): string {
  return writeConfig(
    project.dir,
    {
      models: { llava: { use: 'openai-compatible', endpoint, model: 'llava', concurrency: 4, ...model } },
      tasks: { 'hate-speech': { dataset: { path: 'data' } } },
      bootstrap: { samples: 200 },
    },
    name,
  );
}

/** A fresh output folder in the project, for `--out`. */
export function outDir(project: MemeProject, name: string): string {
  return join(project.dir, name);
}
