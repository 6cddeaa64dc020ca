/**
 * Runs several `bench` command lines one after another in ONE Node process (run with
 * `node --import tsx`), each with its own working folder and environment, capturing its stdout,
 * stderr and exit code: the real CLI as bin/bench.js runs it, without a process start per command.
 * Usage: node --import tsx cli-batch-entry.ts CASES.json RESULTS.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../../../core/cli/main.js';
import type { BatchCase, BatchResult } from './cli-batch.js';

const [casesFile, resultsFile] = process.argv.slice(2) as [string, string];
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as BatchCase[];
const baseEnv = { ...process.env };
const baseDir = process.cwd();
const results: BatchResult[] = [];
const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

for (const batchCase of cases) {
  let stdout = '';
  let stderr = '';
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, baseEnv, batchCase.env);
  process.chdir(batchCase.cwd ?? baseDir);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  let code: number;
  try {
    code = await runCli(batchCase.args);
  } catch (error) {
    code = -1;
    stderr += `UNCAUGHT ${error instanceof Error ? error.stack : String(error)}`;
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  results.push({ code, stdout, stderr });
}
writeFileSync(resultsFile, JSON.stringify(results));
process.exit(0);
