/**
 * `bench run` as the benchmarks measure it: the real CLI (config -> plan -> pull-through ->
 * scheduler -> OpenAICompatibleModel over node:http -> predictions file -> metrics), in a process of its
 * own so that its CPU is only the client's. It differs from bin/bench.js only in its container:
 * results go to a buffer and the progress display is replaced by marks taken when the evaluation
 * starts and stops (the Evaluator calls progress.add before the first sample, tick after each record
 * and stop after the last), which split the process's CPU into start-up, evaluation and report.
 *
 * Plain JavaScript running the compiled CLI in dist/, as users run it: a TypeScript entry would load
 * tsx and count its start-up. `--sources` runs the TypeScript sources instead (start it with
 * `--conditions=mmsoc-bench-source --import tsx`), for the comparison in the start-up benchmark.
 *
 *   node benchmarks/lib/ours-child.js [--sources] [--memory-every N] -- run -c <config> --no-cache ...
 *
 * Reports an OursResult (ours-result.ts) with emitResult.
 */
import { parseArgs } from 'node:util';

const MiB = 2 ** 20;
/** As processes.ts's emitResult writes it (this file cannot import TypeScript). */
const RESULT_PREFIX = 'BENCH_RESULT ';

/** The state of this process at one moment (a Mark); cpuMs counts from the process's start. */
function mark() {
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
if (separator < 0) throw new Error('usage: ours-child.js [--sources] [--memory-every N] -- run -c <config> ...');
const { values } = parseArgs({ args: process.argv.slice(2, separator), options: { sources: { type: 'boolean' }, 'memory-every': { type: 'string' } } });
const cliArgs = process.argv.slice(separator + 1);
const memoryEvery = values['memory-every'] ? Number(values['memory-every']) : 0;

const core = values.sources ? new URL('../../core/', import.meta.url) : new URL('../../dist/core/', import.meta.url);
const ext = values.sources ? 'ts' : 'js';
const { runCli } = await import(new URL(`cli/main.${ext}`, core).href);
const { createContainer, TOKENS } = await import(new URL(`container.${ext}`, core).href);

const loaded = mark();
let evalStart;
let evalEnd;
let records = 0;
const samples = [];

const measuringProgress = () => ({
  add(label) {
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

const output = [];
const exitCode = await runCli(cliArgs, (debug) => {
  const container = createContainer({ logLevel: debug ? 'debug' : 'info' });
  container.rebind(TOKENS.Output).toConstantValue((text) => void output.push(text));
  container.rebind(TOKENS.Progress).toConstantValue(measuringProgress);
  return container;
});
const end = mark();
if (exitCode !== 0) process.stderr.write(output.join(''));
const result = {
  exitCode,
  runDir: output.join('').trim().split('\n').at(-1) ?? '',
  records,
  loaded,
  evalStart: evalStart ?? end,
  evalEnd: evalEnd ?? end,
  end,
  samples,
};
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
// As bin/bench.js: open keep-alive sockets must not hold the process.
process.exit(exitCode);
