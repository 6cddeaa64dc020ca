import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_DIR } from '../../fixtures/cli.js';
import { tempDir } from '../../fixtures/datasets.js';
import { SOURCES_EXEC_ARGV } from '../../fixtures/source-process.js';

export interface BatchCase {
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface BatchResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const ENTRY = fileURLToPath(new URL('./cli-batch-entry.ts', import.meta.url));

/**
 * Runs the command lines in one child process (see cli-batch-entry.ts), with a clean environment
 * (PATH, HOME, CI and a private XDG cache) plus each case's own. Rejects when the child does not
 * finish within `timeoutMs` (it is killed), naming its stderr.
 */
export async function benchBatch(cases: readonly BatchCase[], timeoutMs = 120_000): Promise<BatchResult[]> {
  const dir = tempDir('batch');
  const [casesFile, resultsFile] = [join(dir, 'cases.json'), join(dir, 'results.json')];
  writeFileSync(casesFile, JSON.stringify(cases));
  const child = spawn(process.execPath, [...SOURCES_EXEC_ARGV, ENTRY, casesFile, resultsFile], {
    cwd: PROJECT_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', XDG_CACHE_HOME: join(dir, 'cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`bench batch exited ${code}: ${stderr.slice(-2000)}`);
  return JSON.parse(readFileSync(resultsFile, 'utf8')) as BatchResult[];
}

/**
 * One command line that may crash or hang its process: run in a batch of its own, a crash or a
 * missed deadline comes back as exit code -1 with the reason on stderr.
 */
export function benchAlone(command: BatchCase, timeoutMs = 60_000): Promise<BatchResult> {
  return benchBatch([command], timeoutMs).then(
    ([result]) => result!,
    (error: Error) => ({ code: -1, stdout: '', stderr: error.message }),
  );
}
