import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROJECT_DIR } from '../../fixtures/cli.js';
import { SOURCES_EXEC_ARGV } from '../../fixtures/source-process.js';
import type { FuzzMessage } from './fuzz-entry.js';

export interface PropertyOutcome {
  readonly ok: boolean;
  readonly runs: number;
  /** fast-check's report (counterexample, seed, path, error), or which case hung or crashed. */
  readonly report: string;
}

const ENTRY = fileURLToPath(new URL('./fuzz-entry.ts', import.meta.url));

/**
 * Runs the given properties in one child process until it ends. A case that gives no sign of life for
 * `caseTimeoutMs` is a hang: the child is killed and that property fails naming the case's input; a
 * child that dies fails the property it was in. Properties after it are left undefined.
 */
function runChild(indices: readonly number[], options: { seed: number; scale: number; caseTimeoutMs: number }, outcomes: Array<PropertyOutcome | undefined>): Promise<void> {
  return new Promise((resolve) => {
    const child = fork(ENTRY, [String(options.seed), String(options.scale)], {
      cwd: PROJECT_DIR,
      execArgv: [...SOURCES_EXEC_ARGV],
      env: { ...process.env, MMSOC_FUZZ_ONLY: indices.join(',') },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let current = { property: indices[0]!, input: '(starting)' };
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        outcomes[current.property] = { ok: false, runs: 0, report: `no result within ${options.caseTimeoutMs} ms (a hang) on input ${current.input}` };
        child.kill('SIGKILL');
      }, options.caseTimeoutMs);
    };
    arm();
    child.on('message', (message: FuzzMessage) => {
      arm();
      if (message.type === 'case') current = { property: message.property, input: message.input };
      else outcomes[message.property] = { ok: message.ok, runs: message.runs, report: message.report };
    });
    child.on('exit', () => {
      clearTimeout(watchdog);
      outcomes[current.property] ??= { ok: false, runs: 0, report: `the fuzz process died on input ${current.input}: ${stderr.slice(-1500)}` };
      resolve();
    });
  });
}

/** Runs every property (0..count-1), in child processes: one after a hang or a crash goes on with the rest. */
export async function runFuzz(options: { seed: number; scale: number; count: number; caseTimeoutMs: number }): Promise<PropertyOutcome[]> {
  const outcomes: Array<PropertyOutcome | undefined> = Array(options.count).fill(undefined);
  for (;;) {
    const remaining = outcomes.flatMap((outcome, index) => (outcome ? [] : [index]));
    if (remaining.length === 0) return outcomes as PropertyOutcome[];
    await runChild(remaining, options, outcomes);
  }
}
