import { join } from 'node:path';
import { expect } from '@jest/globals';
import { benchInProcess } from '../../fixtures/cli.js';
import { startFakeOpenAIServer } from '../../fixtures/openai-server.js';
import { llavaConfig, type MemeProject } from './project.js';
import { comparable, latestRecords, metricsOf, onlyRun } from './run-folder.js';

export interface Reference {
  readonly records: ReturnType<typeof comparable>;
  readonly results: unknown;
  readonly counts: unknown;
}

/**
 * An uninterrupted run of the project's data against a healthy server that answers as the fault
 * servers do (the answer depends only on the request), to compare interrupted runs with.
 */
export async function referenceRun(project: MemeProject): Promise<Reference> {
  const server = await startFakeOpenAIServer();
  try {
    const config = llavaConfig(project, server.url, {}, 'reference.config.ts');
    const out = join(project.dir, 'reference-runs');
    const result = await benchInProcess(['run', '-c', config, '--out', out]);
    expect(result.code).toBe(0);
    const runDir = onlyRun(out);
    const metrics = metricsOf(runDir);
    return { records: comparable(latestRecords(runDir).values()), results: metrics.results, counts: metrics.counts };
  } finally {
    await server.close();
  }
}

/** Asserts that a run folder holds exactly the reference's answers and metrics. */
export function expectSameAsReference(runDir: string, reference: Reference): void {
  expect(comparable(latestRecords(runDir).values())).toEqual(reference.records);
  const metrics = metricsOf(runDir);
  expect(metrics.results).toEqual(reference.results);
  expect(metrics.counts).toEqual(reference.counts);
}
