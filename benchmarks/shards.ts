/**
 * e. Shards: four `bench run --shard i/4` processes and `bench merge` give the same metrics as one
 * unsharded run.
 *
 * Every step is the real CLI (bin/bench.js) in a child process, as a user would run it: the four
 * shards at once (as on four machines), then `bench merge` of their folders, then one unsharded run,
 * all with --no-cache over a 400-sample dataset against the loopback server, which answers each
 * request 'Yes' or 'No' from a hash of its body (the same sample gets the same answer in every run;
 * the metrics are not trivial). The `results` and `counts` objects of the two metrics.json files are
 * compared byte for byte (JSON.stringify of each); `runId` and `generatedAt` differ by design.
 *
 *   node --import tsx benchmarks/shards.ts [--samples 400]
 *
 * Exits 1 when they differ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchConfig, tinyImageDataset, workDir } from './lib/datasets.js';
import { fixed, table, writeSection } from './lib/doc.js';
import { machine } from './lib/machine.js';
import { BENCH_BIN, runMeasured, succeeded, type Measured } from './lib/processes.js';
import { startServer, type ServerStats } from './lib/server.js';

const SHARDS = 4;
const CONCURRENCY = 16;
const LATENCY_MS = 5;
const COMPARED = ['results', 'counts'] as const;

const { values } = parseArgs({ options: { samples: { type: 'string', default: '400' } } });
const samples = Number(values.samples);

const lastLine = (text: string) => text.trim().split('\n').at(-1)!;
const metricsOf = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8')) as Record<string, unknown>;

async function main(): Promise<number> {
  const host = machine();
  const work = workDir('shards');
  const server = await startServer({ latencyMs: LATENCY_MS, answer: 'hash' });
  try {
    const data = await tinyImageDataset(join(work.dir, 'data'), samples);
    const config = benchConfig(work.dir, { endpoint: server.url, concurrency: CONCURRENCY, data, kind: 'image' });
    const env = { XDG_CACHE_HOME: join(work.dir, 'xdg-cache') };
    const bench = (args: string[]) => runMeasured<never>(process.execPath, [BENCH_BIN, ...args], { env });
    const steps: { step: string; run: Measured<never>; server?: ServerStats }[] = [];

    await server.reset();
    const shardRuns = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) => bench(['run', '-c', config, '--shard', `${i}/${SHARDS}`, '--no-cache']).then((run) => succeeded(`bench run --shard ${i}/${SHARDS}`, run))),
    );
    const shardStats = await server.stats();
    shardRuns.forEach((run, i) => steps.push({ step: `bench run --shard ${i}/${SHARDS}`, run }));
    const merged = succeeded('bench merge', await bench(['merge', ...shardRuns.map((run) => lastLine(run.stdout))]));
    steps.push({ step: 'bench merge', run: merged });

    await server.reset();
    const whole = succeeded('bench run (unsharded)', await bench(['run', '-c', config, '--out', join(work.dir, 'whole'), '--no-cache']));
    const wholeStats = await server.stats();
    steps.push({ step: 'bench run (unsharded)', run: whole });

    const mergedMetrics = metricsOf(lastLine(merged.stdout));
    const wholeMetrics = metricsOf(lastLine(whole.stdout));
    const comparison = COMPARED.map((key) => {
      const a = JSON.stringify(mergedMetrics[key]);
      const b = JSON.stringify(wholeMetrics[key]);
      return { key, identical: a !== undefined && a === b, bytes: a?.length ?? 0 };
    });
    const differing = Object.keys({ ...mergedMetrics, ...wholeMetrics }).filter((key) => JSON.stringify(mergedMetrics[key]) !== JSON.stringify(wholeMetrics[key]));
    const identical = comparison.every((c) => c.identical);

    const stepsTable = table(
      ['step', 'wall (s)', 'process-tree CPU (s)'],
      steps.map(({ step, run }) => [step, fixed(run.wallMs / 1000, 1), fixed(run.cpuMs / 1000, 1)]),
    );
    const requestsTable = table(
      ['runs', 'requests', 'distinct request bodies'],
      [
        [`${SHARDS} shards`, `${shardStats.requests}`, `${shardStats.distinctBodies}`],
        ['unsharded', `${wholeStats.requests}`, `${wholeStats.distinctBodies}`],
      ],
    );
    const comparisonTable = table(
      ['metrics.json key', 'JSON.stringify bytes', 'merged shards = unsharded'],
      comparison.map((c) => [c.key, `${c.bytes}`, c.identical ? 'byte-identical' : 'DIFFERENT']),
    );
    const verdict = identical
      ? `The merged shards and the unsharded run have byte-identical \`results\` and \`counts\`. Keys that differ: ${differing.map((k) => `\`${k}\``).join(', ') || 'none'} (run ids and times differ by design).`
      : `MISMATCH: ${comparison.filter((c) => !c.identical).map((c) => c.key).join(', ')} differ between the merged shards and the unsharded run.`;
    console.log(`\n${stepsTable}\n\n${requestsTable}\n\n${comparisonTable}\n\n${verdict}`);
    writeSection({
      name: 'shards',
      title: 'e. Shards',
      command: `npm run bench:shards${values.samples !== '400' ? ` -- --samples ${samples}` : ''}`,
      machine: host,
      body: [
        `${samples} Hateful-Memes-shaped samples (tiny images), concurrency ${CONCURRENCY}, server latency ${LATENCY_MS} ms, answers 'Yes'/'No' from a hash of each request. The ${SHARDS} shard processes run at the same time; then \`bench merge\` of their folders; then one unsharded \`bench run\`, all through bin/bench.js with --no-cache.`,
        '',
        comparisonTable,
        '',
        verdict,
        '',
        requestsTable,
        '',
        stepsTable,
      ].join('\n'),
    });
    const askedOnce = shardStats.requests === samples && shardStats.distinctBodies === samples && wholeStats.requests === samples;
    if (!askedOnce) console.error(`expected each of the ${samples} samples to be asked once per pass; see the requests table`);
    return identical && askedOnce ? 0 : 1;
  } finally {
    await server.close();
    work.cleanup();
  }
}

process.exitCode = await main();
