/**
 * d. Memory: peak RSS of `bench run` over 1,000 vs 50,000 samples with 100 kB images; goal: the
 * ratio is at most 1.3 (memory follows concurrency, not dataset size).
 *
 * The rows reference a pool of 700 distinct 100 kB PNGs (row i -> image i % 700) instead of 50,000
 * files (5 GB). This still measures the pipeline's memory: the only place an image outlives its
 * request is the ImagePreparer's memo, an LRU bounded in bytes (64 MiB), and 700 images (~70 MB) are
 * more than it holds, so cycling through them in order misses every time and the memo sits at its
 * bound in both runs, as with distinct images; everything that grows with the sample count (rows,
 * records, requests, the predictions file, the report) still grows 50x. Each run is a child process
 * (concurrency 64, server latency 5 ms); the peak is the kernel's high-water mark (getrusage maxRSS)
 * of that process, read at its end and at the end of the evaluation (before the report), and the
 * process's memory is sampled every 1,000 records to show where it grows.
 *
 *   node --import tsx benchmarks/memory.ts [--small 1000] [--large 50000]
 *
 * Exits 1 when the goal is missed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { expectRequests, runOurs, type OursRun } from './lib/clients.js';
import { benchConfig, largeImageDataset, meanImageBytes, workDir } from './lib/datasets.js';
import { fixed, table, writeSection } from './lib/doc.js';
import { machine } from './lib/machine.js';
import { startServer } from './lib/server.js';

const GOAL = 1.3;
const CONCURRENCY = 64;
const LATENCY_MS = 5;
const POOL = 700;
const IMAGE_BYTES = 100_000;
const SAMPLE_EVERY = 1_000;

const { values } = parseArgs({ options: { small: { type: 'string', default: '1000' }, large: { type: 'string', default: '50000' } } });
const sizes = [Number(values.small), Number(values.large)] as const;

async function main(): Promise<number> {
  const host = machine();
  const work = workDir('memory');
  const server = await startServer({ latencyMs: LATENCY_MS });
  try {
    const runs: { samples: number; run: OursRun }[] = [];
    let imageBytes = 0;
    for (const samples of sizes) {
      const dir = join(work.dir, `n${samples}`);
      mkdirSync(dir);
      const data = await largeImageDataset(join(dir, 'data'), samples, { imageBytes: IMAGE_BYTES, pool: POOL });
      imageBytes = meanImageBytes(data);
      const config = benchConfig(dir, { endpoint: server.url, concurrency: CONCURRENCY, data, kind: 'image' });
      const run = await runOurs(server, config, { out: join(dir, 'out'), memoryEvery: SAMPLE_EVERY });
      expectRequests(run, samples);
      runs.push({ samples, run });
      console.log(`${samples} samples: peak RSS ${fixed(run.ours.end.maxRssMiB, 0)} MiB (${fixed(run.ours.evalEnd.maxRssMiB, 0)} MiB by the end of the evaluation)`);
    }
    const [small, large] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const ratio = large.run.ours.end.maxRssMiB / small.run.ours.end.maxRssMiB;
    const evalRatio = large.run.ours.evalEnd.maxRssMiB / small.run.ours.evalEnd.maxRssMiB;
    const phases = table(
      ['samples', 'RSS at eval start', 'heap / external at eval start', 'peak RSS by eval end', 'RSS / heap / external at eval end', 'max heap during eval', 'peak RSS (whole run)', 'RSS / heap / external at exit', 'eval wall (s)', 'report wall (s)'],
      runs.map(({ samples, run: { ours } }) => [
        `${samples}`,
        fixed(ours.evalStart.rssMiB, 0),
        `${fixed(ours.evalStart.heapUsedMiB, 0)} / ${fixed(ours.evalStart.externalMiB, 0)}`,
        fixed(ours.evalEnd.maxRssMiB, 0),
        `${fixed(ours.evalEnd.rssMiB, 0)} / ${fixed(ours.evalEnd.heapUsedMiB, 0)} / ${fixed(ours.evalEnd.externalMiB, 0)}`,
        fixed(Math.max(ours.evalStart.heapUsedMiB, ...ours.samples.map((s) => s.heapUsedMiB)), 0),
        fixed(ours.end.maxRssMiB, 0),
        `${fixed(ours.end.rssMiB, 0)} / ${fixed(ours.end.heapUsedMiB, 0)} / ${fixed(ours.end.externalMiB, 0)}`,
        fixed((ours.evalEnd.wallMs - ours.evalStart.wallMs) / 1000, 1),
        fixed((ours.end.wallMs - ours.evalEnd.wallMs) / 1000, 1),
      ]),
    );
    // The large run's samples show whether the evaluation itself grows with the records written.
    const growth = table(
      ['records', 'RSS (MiB)', 'heap used (MiB)', 'external (MiB)'],
      large.run.ours.samples
        .filter((_, i, all) => all.length <= 10 || i % Math.ceil(all.length / 10) === 0 || i === all.length - 1)
        .map((s) => [`${s.records}`, fixed(s.rssMiB, 0), fixed(s.heapUsedMiB, 0), fixed(s.externalMiB, 0)]),
    );
    const verdict = `Peak RSS ratio ${sizes[1]} / ${sizes[0]} samples: ${fixed(ratio, 2)} (goal <= ${GOAL}: ${ratio <= GOAL ? 'met' : 'MISSED'}); during the evaluation alone (peak by its end): ${fixed(evalRatio, 2)}.`;
    console.log(`\n${phases}\n\n${growth}\n\n${verdict}`);
    writeSection({
      name: 'memory',
      title: 'd. Memory',
      command: `npm run bench:memory${values.small !== '1000' || values.large !== '50000' ? ` -- --small ${sizes[0]} --large ${sizes[1]}` : ''}`,
      machine: host,
      body: [
        `\`bench run\` over ${sizes[0]} and ${sizes[1]} samples whose images (${fixed(imageBytes / 1000, 0)} kB PNGs of random pixels) come from a pool of ${POOL} distinct files: more than the image memo's 64 MiB bound, so the memo is full and missing in both runs, as with distinct images (see benchmarks/memory.ts). Concurrency ${CONCURRENCY}, server latency ${LATENCY_MS} ms. Figures in MiB; peaks are the process's getrusage maxRSS.`,
        '',
        verdict,
        '',
        phases,
        '',
        `Memory during the ${sizes[1]}-sample evaluation (every ${SAMPLE_EVERY} records, thinned to about ten rows):`,
        '',
        growth,
      ].join('\n'),
    });
    return ratio <= GOAL ? 0 : 1;
  } finally {
    await server.close();
    work.cleanup();
  }
}

process.exitCode = await main();
