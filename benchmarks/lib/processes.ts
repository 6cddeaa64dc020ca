import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCES_EXEC_ARGV } from '../../test/fixtures/source-process.js';

export { SOURCES_EXEC_ARGV };

export const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_BIN = join(PROJECT_DIR, 'bin', 'bench.js');
const GNU_TIME = '/usr/bin/time';

/** Children report their figures on one stdout line starting with this. */
const RESULT_PREFIX = 'BENCH_RESULT ';

export function emitResult(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export interface Measured<T> {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time of the whole process, start to exit. */
  readonly wallMs: number;
  /** user + sys CPU of the process and of every descendant it waited for (esbuild's service, workers). */
  readonly cpuMs: number;
  /** Peak resident set of the largest process of the tree, in MiB. */
  readonly maxRssMiB: number;
  /** What the child reported with emitResult, if it did. */
  readonly result: T | undefined;
}

/**
 * Runs a command under GNU time, which reads the kernel's rusage of the whole process tree at exit:
 * unlike process.cpuUsage() in the child, it also counts helper processes the child spawned.
 */
export async function runMeasured<T>(command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Measured<T>> {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (GNU time) is needed to measure the CPU of a process tree: apt-get install time`);
  const dir = mkdtempSync(join(tmpdir(), 'mmsoc-bench-time-'));
  const timeFile = join(dir, 'time.txt');
  try {
    const child = spawn(GNU_TIME, ['-o', timeFile, '-f', '%e %U %S %M', command, ...args], {
      cwd: options.cwd ?? PROJECT_DIR,
      env: { ...process.env, CI: 'true', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // GNU time prefixes "Command exited with non-zero status N" when the command failed.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!;
    const [elapsed, user, sys, maxRssKb] = last.split(' ').map(Number) as [number, number, number, number];
    const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    return {
      code,
      stdout,
      stderr,
      wallMs: elapsed * 1000,
      cpuMs: (user + sys) * 1000,
      maxRssMiB: maxRssKb / 1024,
      result: line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as T) : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}


/** `runMeasured` for a TypeScript entry of this project (a benchmark helper), run by Node with tsx. */
export function runTs<T>(script: string, args: readonly string[], options: { env?: Record<string, string> } = {}): Promise<Measured<T>> {
  return runMeasured<T>(process.execPath, [...SOURCES_EXEC_ARGV, script, ...args], options);
}

/** Throws with the child's stderr when it failed: a benchmark over a broken run measures nothing. */
export function succeeded<T>(what: string, run: Measured<T>): Measured<T> {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr.slice(-3000)}`);
  return run;
}

/** `succeeded`, for a child that must also have reported its figures. */
export function withResult<T>(what: string, run: Measured<T>): Measured<T> & { readonly result: T } {
  succeeded(what, run);
  if (run.result === undefined) throw new Error(`${what} reported no result:\n${run.stdout.slice(-2000)}`);
  return run as Measured<T> & { readonly result: T };
}
