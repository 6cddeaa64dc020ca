/**
 * Runs several `bench` command lines one after another in ONE Node process (run with
 * `node --import tsx`), each with its own working folder and environment, capturing its stdout,
 * stderr and exit code: the real CLI as bin/bench.js runs it, without a process start per command.
 * Usage: node --import tsx cli-batch-entry.ts CASES.json RESULTS.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../../../core/cli/main.js';
import { createContainer, TOKENS } from '../../../core/container.js';
import { bufferStream } from '../../fixtures/buffer-stream.js';
import type { BatchCase, BatchResult } from './cli-batch.js';

const [casesFile, resultsFile] = process.argv.slice(2) as [string, string];
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as BatchCase[];
const baseEnv = { ...process.env };
const baseDir = process.cwd();
const results: BatchResult[] = [];

for (const batchCase of cases) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, baseEnv, batchCase.env);
  process.chdir(batchCase.cwd ?? baseDir);
  let code: number;
  try {
    // The production container, with the command's stdout and stderr captured instead of the process's.
    code = await runCli(batchCase.args, (debug) => {
      const container = createContainer({ logLevel: debug ? 'debug' : 'info' });
      container.rebind(TOKENS.Output).toConstantValue((text: string) => void stdout.push(text));
      container.rebind(TOKENS.Stderr).toConstantValue(bufferStream(stderr));
      return container;
    });
  } catch (error) {
    code = -1;
    stderr.push(`UNCAUGHT ${error instanceof Error ? error.stack : String(error)}`);
  }
  results.push({ code, stdout: stdout.join(''), stderr: stderr.join('') });
}
writeFileSync(resultsFile, JSON.stringify(results));
process.exit(0);
