/**
 * b. Client cost: CPU milliseconds per request of `bench run`, text-only and with a 100 kB image,
 * next to the minimal node:http client doing the same requests.
 *
 * Each scenario runs 2,000 samples at concurrency 64 against the loopback server (50 ms latency, its
 * own process). Per request: the client process's CPU (user + sys) over its request phase, which is
 * the goal's figure (<= 1 ms); the whole process tree's CPU from start to exit (GNU time) is shown too,
 * and for ours split into start-up (loading the TypeScript sources, config, plugins, plan) and the
 * report (metrics with bootstrap intervals), which do not grow with the requests the same way.
 *
 *   node --import tsx benchmarks/client-cost.ts [--requests 2000] [--rounds 2]
 *
 * Exits 1 when the goal is missed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { expectRequests, imageQuestion, median, runMinimal, runOurs, type ClientRun, type OursRun } from './lib/clients.js';
import { benchConfig, largeImageDataset, meanImageBytes, textDataset, workDir } from './lib/datasets.js';
import { fixed, table, writeSection } from './lib/doc.js';
import { machine } from './lib/machine.js';
import { startServer } from './lib/server.js';

const GOAL_MS = 1;
const CONCURRENCY = 64;
const LATENCY_MS = 50;
const IMAGE_BYTES = 100_000;

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '2' } } });
const requests = Number(values.requests);
const rounds = Number(values.rounds);

const perRequest = (ms: number | undefined) => (ms === undefined ? undefined : ms / requests);

async function main(): Promise<number> {
  const host = machine();
  const work = workDir('client-cost');
  const server = await startServer({ latencyMs: LATENCY_MS });
  try {
    const imageData = await largeImageDataset(join(work.dir, 'images'), requests, { imageBytes: IMAGE_BYTES, pool: requests });
    const scenarios = [
      { name: 'text only', kind: 'text' as const, data: await textDataset(join(work.dir, 'text'), requests) },
      { name: `${(meanImageBytes(imageData) / 1000).toFixed(0)} kB image`, kind: 'image' as const, data: imageData },
    ];
    const question = imageQuestion();
    const summaryRows: string[][] = [];
    const runRows: string[][] = [];
    let met = true;
    for (const scenario of scenarios) {
      const configDir = join(work.dir, `config-${scenario.kind}`);
      mkdirSync(configDir);
      const config = benchConfig(configDir, { endpoint: server.url, concurrency: CONCURRENCY, data: scenario.data, kind: scenario.kind });
      const ours: OursRun[] = [];
      const minimal: ClientRun[] = [];
      for (let round = 1; round <= rounds; round++) {
        const pair = [
          async () => void minimal.push(await runMinimal(server, { data: scenario.data, concurrency: CONCURRENCY, question })),
          async () => void ours.push(await runOurs(server, config, { out: join(work.dir, `out-${scenario.kind}-${round}`) })),
        ];
        for (const run of round % 2 ? pair : pair.reverse()) await run();
        for (const run of [minimal.at(-1)!, ours.at(-1)!]) expectRequests(run, requests);
        console.log(`${scenario.name} round ${round}: minimal ${fixed(perRequest(minimal.at(-1)!.phaseCpuMs), 3)} ms/request, ours ${fixed(perRequest(ours.at(-1)!.phaseCpuMs), 3)} ms/request`);
      }
      for (const run of [...minimal, ...ours]) {
        const detail = 'ours' in run ? (run as OursRun).ours : undefined;
        runRows.push([
          scenario.name,
          run.client,
          fixed(perRequest(run.phaseCpuMs), 3),
          fixed(perRequest(run.treeCpuMs), 3),
          detail ? fixed(detail.evalStart.cpuMs, 0) : '',
          detail ? fixed(detail.end.cpuMs - detail.evalEnd.cpuMs, 0) : '',
          fixed(run.spanMs / 1000, 2),
        ]);
      }
      const oursMs = median(ours.map((r) => perRequest(r.phaseCpuMs)!));
      const minimalMs = median(minimal.map((r) => perRequest(r.phaseCpuMs)!));
      met &&= oursMs <= GOAL_MS;
      summaryRows.push([
        scenario.name,
        fixed(oursMs, 3),
        fixed(minimalMs, 3),
        fixed(oursMs / minimalMs, 2),
        fixed(median(ours.map((r) => perRequest(r.treeCpuMs)!)), 3),
        fixed(median(minimal.map((r) => perRequest(r.treeCpuMs)!)), 3),
        oursMs <= GOAL_MS ? 'met' : 'MISSED',
      ]);
    }
    const summary = table(
      ['scenario', 'ours ms/req (request phase)', 'minimal ms/req (request phase)', 'ours / minimal', 'ours ms/req (process tree)', 'minimal ms/req (process tree)', `goal <= ${GOAL_MS} ms`],
      summaryRows,
    );
    const runsTable = table(['scenario', 'client', 'ms/req request phase', 'ms/req process tree', 'ours start-up CPU (ms)', 'ours report CPU (ms)', 'span (s)'], runRows);
    console.log(`\n${summary}\n\n${runsTable}`);
    writeSection({
      name: 'client-cost',
      title: 'b. Client cost',
      command: `npm run bench:client-cost${values.requests !== '2000' || values.rounds !== '2' ? ` -- --requests ${requests} --rounds ${rounds}` : ''}`,
      machine: host,
      body: [
        `${requests} requests per run at concurrency ${CONCURRENCY} against a ${LATENCY_MS} ms server; ${rounds} rounds per scenario (medians in the first table). Text only: a ~40-word post and the question as one string (a benchmark-only task, benchmarks/lib/text-task-plugin.ts). Images: ${requests} distinct PNGs of random pixels (within the default image budget, so sent as they are). Request phase: the client's own CPU from its first request to its last answer, divided by the requests. Process tree: everything from start to exit, GNU time.`,
        '',
        summary,
        '',
        runsTable,
      ].join('\n'),
    });
    return met ? 0 : 1;
  } finally {
    await server.close();
    work.cleanup();
  }
}

process.exitCode = await main();
