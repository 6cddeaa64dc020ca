import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readPredictions } from '../../core/store/predictions-file.js';
import { benchChild } from '../fixtures/cli.js';
import type { RecordedRequest } from '../fixtures/openai-server.js';
import { faultRun, type FaultRun } from './lib/fault-run.js';
import { memeProject, type MemeProject } from './lib/project.js';
import { expectSameAsReference, referenceRun, type Reference } from './lib/reference.js';
import { repeated, requestedIds } from './lib/requests.js';
import { onlyRun, predictionsPath } from './lib/run-folder.js';
import { mountSmallDisk, type SmallDisk } from './lib/tmpfs.js';

/**
 * `bench run` (a child process, as users run it) writing to a 1 MB tmpfs that fills up during the
 * run. Needs mount privileges; without them the tests are skipped and say why (never silently green).
 */
const SAMPLES = 60;
const mounted = mountSmallDisk('faults-disk');
const disk = 'dir' in mounted ? mounted : undefined;
if (!disk) console.warn(`disk-full tests skipped: ${'unavailable' in mounted ? mounted.unavailable : ''}`);
const itWithDisk = disk ? it : it.skip;

let project: MemeProject;
let reference: Reference;
beforeAll(async () => {
  project = await memeProject('faults-disk', SAMPLES);
  reference = await referenceRun(project);
});
afterAll(() => disk?.unmount());

/** Fills the disk when the server receives the request `when` selects; the run's output is on the disk. */
async function fillingRun(small: SmallDisk, name: string, when: (request: RecordedRequest) => boolean): Promise<FaultRun & { filled: () => boolean }> {
  let filled = false;
  const run = await faultRun(
    project,
    {
      fault: (request) => {
        if (!filled && when(request)) {
          small.fill();
          filled = true;
        }
        return undefined;
      },
    },
    { concurrency: 2 },
    { out: `${small.dir}/${name}` },
  );
  return { ...run, filled: () => filled };
}

/** The `error:` lines of a command's stderr. */
const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('error:'));

describe('the disk fills up during a run', () => {
  itWithDisk('while predictions are written: earlier lines stay intact, the rerun completes, and one error line names the file and ENOSPC', async () => {
    const small = disk!;
    const run = await fillingRun(small, 'predictions', (request) => request.index === 6);
    try {
      const args = ['run', '-c', run.config, '--out', run.out];
      const first = await benchChild(args).done;
      expect(run.filled()).toBe(true);
      expect(first.code).not.toBe(0);
      const runDir = onlyRun(run.out);
      const file = predictionsPath(runDir);
      // Every line written before the disk filled is intact; at most a torn tail follows them.
      const kept = readPredictions(file);
      expect(kept.badLines).toEqual([]);
      expect(kept.records.size).toBeGreaterThanOrEqual(6);
      expect(kept.records.size).toBeLessThan(SAMPLES);
      expect([...kept.records.values()].filter((r) => r.error !== null)).toEqual([]);

      small.free();
      const before = run.server.requests.length;
      const second = await benchChild(args).done;
      expect(second.code).toBe(0);
      const asked = requestedIds(run.server, project, before);
      expect(asked.filter((id) => kept.records.has(id))).toEqual([]);
      expect(repeated(asked)).toEqual([]);
      expectSameAsReference(runDir, reference);

      expect(errorLines(first.stderr)).toEqual([expect.stringMatching(/ENOSPC|no space left on device/)]);
      expect(errorLines(first.stderr)[0]).toContain(file);
    } finally {
      small.free();
      await run.server.close();
    }
  });

  itWithDisk('while the report is written: every prediction is kept, and one error line names the file and ENOSPC', async () => {
    const small = disk!;
    // The last request fills the disk: its answer still fits the predictions file's last block.
    const run = await fillingRun(small, 'report', (request) => request.index === SAMPLES - 1);
    try {
      const first = await benchChild(['run', '-c', run.config, '--out', run.out]).done;
      expect(run.filled()).toBe(true);
      expect(first.code).not.toBe(0);
      const runDir = onlyRun(run.out);
      expect(readPredictions(predictionsPath(runDir)).records.size).toBe(SAMPLES);
      expect(errorLines(first.stderr)).toEqual([expect.stringMatching(/ENOSPC|no space left on device/)]);
      expect(errorLines(first.stderr)[0]).toMatch(/metrics\.json|manifest\.json|report\.(md|html)/);
    } finally {
      small.free();
      await run.server.close();
    }
  });
});
