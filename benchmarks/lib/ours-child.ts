/**
 * `bench run` as the benchmarks measure it: the real CLI (config -> plan -> pull-through ->
 * scheduler -> OpenAICompatibleModel over node:http -> predictions file -> metrics), in a process of its
 * own so that its CPU is only the client's. It differs from bin/bench.js only in its container:
 * results go to a buffer and the progress display is replaced by marks taken when the evaluation
 * starts and stops (the Evaluator calls progress.add before the first sample, tick after each record
 * and stop after the last), which split the process's CPU into start-up, evaluation and report.
 *
 *   node --import tsx benchmarks/lib/ours-child.ts [--memory-every N] -- run -c <config> --no-cache ...
 *
 * Reports an OursResult with emitResult.
 */
import { parseArgs } from 'node:util';
import { runCli } from '../../core/cli/main.js';
import { createContainer, TOKENS } from '../../core/container.js';
import type { PairProgress, ProgressFactory } from '../../core/pipeline/progress.js';
import { emitResult } from './processes.js';

/** The state of this process at one moment; cpuMs counts from the process's start. */
export interface Mark {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  /** Buffers and other memory outside the V8 heap (image bytes live here). */
  readonly externalMiB: number;
  /** The kernel's high-water mark of the resident set so far. */
  readonly maxRssMiB: number;
}

export interface OursResult {
  readonly exitCode: number;
  readonly runDir: string;
  /** Records the evaluation produced (one per sample). */
  readonly records: number;
  /** After the core's modules are loaded, before the command runs. */
  readonly loaded: Mark;
  readonly evalStart: Mark;
  readonly evalEnd: Mark;
  readonly end: Mark;
  /** Taken every `--memory-every` records during the evaluation (none without the option). */
  readonly samples: readonly (Mark & { readonly records: number })[];
}

const MiB = 2 ** 20;

function mark(): Mark {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now(),
    rssMiB: memory.rss / MiB,
    heapUsedMiB: memory.heapUsed / MiB,
    externalMiB: memory.external / MiB,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

const separator = process.argv.indexOf('--');
if (separator < 0) throw new Error('usage: ours-child.ts [--memory-every N] -- run -c <config> ...');
const { values } = parseArgs({ args: process.argv.slice(2, separator), options: { 'memory-every': { type: 'string' } } });
const cliArgs = process.argv.slice(separator + 1);
const memoryEvery = values['memory-every'] ? Number(values['memory-every']) : 0;

const loaded = mark();
let evalStart: Mark | undefined;
let evalEnd: Mark | undefined;
let records = 0;
const samples: (Mark & { records: number })[] = [];

const measuringProgress: ProgressFactory = () => ({
  add(label): PairProgress {
    evalStart ??= mark();
    return { label, total: undefined, done: 0, failed: 0, skipped: 0, answered: 0, finished: false };
  },
  tick() {
    records++;
    if (memoryEvery && records % memoryEvery === 0) samples.push({ ...mark(), records });
  },
  stop() {
    evalEnd = mark();
  },
});

const output: string[] = [];
const exitCode = await runCli(cliArgs, (debug) => {
  const container = createContainer({ logLevel: debug ? 'debug' : 'info' });
  container.rebind(TOKENS.Output).toConstantValue((text: string) => void output.push(text));
  container.rebind(TOKENS.Progress).toConstantValue(measuringProgress);
  return container;
});
const end = mark();
if (exitCode !== 0) process.stderr.write(output.join(''));
const result: OursResult = {
  exitCode,
  runDir: output.join('').trim().split('\n').at(-1) ?? '',
  records,
  loaded,
  evalStart: evalStart ?? end,
  evalEnd: evalEnd ?? end,
  end,
  samples,
};
emitResult(result);
// As bin/bench.js: open keep-alive sockets must not hold the process.
process.exit(exitCode);
