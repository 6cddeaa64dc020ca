import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readPredictions } from '../../core/store/predictions-file.js';
import { faultRun, type FaultRun } from './lib/fault-run.js';
import { memeProject, type MemeProject } from './lib/project.js';
import { expectSameAsReference, referenceRun, type Reference } from './lib/reference.js';
import { repeated, requestedIds } from './lib/requests.js';
import { onlyRun, predictionsPath } from './lib/run-folder.js';

/** A finished run whose predictions file is damaged afterwards, then run again (in-process). */
const SAMPLES = 12;
let project: MemeProject;
let reference: Reference;
let run: FaultRun | undefined;

beforeAll(async () => {
  project = await memeProject('faults-corrupt', SAMPLES);
  reference = await referenceRun(project);
});
afterEach(async () => {
  await run?.server.close();
  run = undefined;
});

/** Completes a run, then damages its predictions file with `damage` (lines in, bytes out). */
async function damagedRun(damage: (lines: Buffer[]) => Buffer): Promise<{ file: string; runDir: string; damagedIds: string[] }> {
  run = await faultRun(project, {});
  expect((await run.run()).code).toBe(0);
  const runDir = onlyRun(run.out);
  const file = predictionsPath(runDir);
  const text = readFileSync(file);
  const lines: Buffer[] = [];
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf(0x0a, start);
    lines.push(text.subarray(start, end));
    start = end + 1;
  }
  const ids = lines.map((line) => (JSON.parse(line.toString('utf8')) as { id: string }).id);
  writeFileSync(file, damage(lines));
  const kept = readPredictions(file).records;
  return { file, runDir, damagedIds: ids.filter((id) => !kept.has(id)).sort() };
}

/** Reruns; only the damaged samples may be asked again, and the results must be the reference's. */
async function rerunRedoes(runDir: string, damagedIds: readonly string[]): Promise<string> {
  const before = run!.server.requests.length;
  const result = await run!.run();
  expect(result.code).toBe(0);
  const asked = requestedIds(run!.server, project, before);
  expect([...asked].sort()).toEqual(damagedIds);
  expect(repeated(asked)).toEqual([]);
  expectSameAsReference(runDir, reference);
  // A third run finds nothing left to do.
  const settled = run!.server.requests.length;
  expect((await run!.run()).code).toBe(0);
  expect(run!.server.requests.length).toBe(settled);
  return result.stderr;
}

describe('a corrupted predictions file', () => {
  it('garbage lines in the middle and a torn tail: one warning naming the file and line, only those samples redone', async () => {
    const { file, runDir, damagedIds } = await damagedRun((lines) => {
      lines[2] = Buffer.from('{"id": "2", "hash": tru');
      lines[6] = Buffer.from('{"not":"a record"}');
      const tail = lines.pop()!;
      return Buffer.concat([...lines.flatMap((line) => [line, Buffer.from('\n')]), tail.subarray(0, 20)]);
    });
    expect(damagedIds).toHaveLength(3);
    const stderr = await rerunRedoes(runDir, damagedIds);
    expect(stderr.split('\n').filter((line) => line.includes('unreadable'))).toEqual([
      `warn: ${file}: 2 unreadable line(s) (first: line 3); their samples are redone`,
    ]);
  });

  it('a flipped byte that breaks UTF-8 in an earlier line: only that sample is redone, and no later record is lost', async () => {
    const { runDir, damagedIds } = await damagedRun((lines) => {
      const line = Buffer.from(lines[4]!);
      line[0] = 0xff;
      lines[4] = line;
      return Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
    });
    expect(damagedIds).toHaveLength(1);
    await rerunRedoes(runDir, damagedIds);
  });
});
