/**
 * a. Saturation: how close `bench run` gets to the throughput a server allows, next to a minimal
 * keep-alive node:http client in the same invocation.
 *
 * For each scenario (concurrency C, per-request latency L) the loopback server (its own process)
 * answers every request after exactly L ms, so the ideal throughput is C / L. Each round runs the
 * minimal client and `bench run` over the same 2,000 tiny-image samples (order alternating between
 * rounds), and the server measures each run's span: first request's arrival to last response's end.
 * achieved / ideal = (requests / span) / (C / L). Goal: ours >= 0.95 x the minimal client's.
 *
 *   node --import tsx benchmarks/saturation.ts [--requests 2000] [--rounds 5]
 *
 * Exits 1 when the goal is missed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { expectRequests, imageQuestion, median, runMinimal, runOurs, type ClientRun } from './lib/clients.js';
import { benchConfig, tinyImageDataset, workDir } from './lib/datasets.js';
import { fixed, table, writeSection } from './lib/doc.js';
import { machine } from './lib/machine.js';
import { idealRate, startServer } from './lib/server.js';

const GOAL = 0.95;
const SCENARIOS = [
  { concurrency: 64, latencyMs: 50 },
  { concurrency: 256, latencyMs: 200 },
] as const;

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } } });
const requests = Number(values.requests);
const rounds = Number(values.rounds);

interface Round {
  readonly round: number;
  readonly minimal: ClientRun;
  readonly ours: ClientRun;
}

const ofIdeal = (run: ClientRun, concurrency: number, latencyMs: number) => requests / (run.spanMs / 1000) / idealRate(concurrency, latencyMs);

async function main(): Promise<number> {
  const host = machine();
  const work = workDir('saturation');
  try {
    const data = await tinyImageDataset(join(work.dir, 'data'), requests);
    const question = imageQuestion();
    const runRows: string[][] = [];
    const summaryRows: string[][] = [];
    const notes: string[] = [];
    let met = true;
    for (const { concurrency, latencyMs } of SCENARIOS) {
      const server = await startServer({ latencyMs });
      const measured: Round[] = [];
      try {
        const configDir = join(work.dir, `c${concurrency}`);
        mkdirSync(configDir);
        const config = benchConfig(configDir, { endpoint: server.url, concurrency, data, kind: 'image' });
        for (let round = 1; round <= rounds; round++) {
          // Alternating the order spreads any drift of the machine's load over both clients.
          const runMinimalNow = () => runMinimal(server, { data, concurrency, question });
          const runOursNow = () => runOurs(server, config, { out: join(work.dir, `out-c${concurrency}-${round}`) });
          let minimal: ClientRun;
          let ours: ClientRun;
          if (round % 2) {
            minimal = await runMinimalNow();
            ours = await runOursNow();
          } else {
            ours = await runOursNow();
            minimal = await runMinimalNow();
          }
          for (const run of [minimal, ours]) expectRequests(run, requests);
          if (ours.bytesIn !== minimal.bytesIn) notes.push(`C=${concurrency} round ${round}: request bytes differ (ours ${ours.bytesIn}, minimal ${minimal.bytesIn})`);
          measured.push({ round, minimal, ours });
          console.log(
            `C=${concurrency} L=${latencyMs} ms round ${round}: minimal ${fixed(ofIdeal(minimal, concurrency, latencyMs), 3)} of ideal, ours ${fixed(ofIdeal(ours, concurrency, latencyMs), 3)}`,
          );
        }
      } finally {
        await server.close();
      }
      const idealSpan = requests / idealRate(concurrency, latencyMs);
      for (const { round, minimal, ours } of measured) {
        for (const run of [minimal, ours]) {
          runRows.push([
            `${concurrency}`,
            `${latencyMs}`,
            `${round}`,
            run.client,
            fixed(run.spanMs / 1000, 3),
            fixed(requests / (run.spanMs / 1000), 0),
            fixed(ofIdeal(run, concurrency, latencyMs), 3),
            `${run.maxInFlight}`,
            run === ours ? fixed(minimal.spanMs / ours.spanMs, 3) : '',
          ]);
        }
      }
      const ratios = measured.map((r) => r.minimal.spanMs / r.ours.spanMs);
      const oursOfIdeal = median(measured.map((r) => ofIdeal(r.ours, concurrency, latencyMs)));
      const minimalOfIdeal = median(measured.map((r) => ofIdeal(r.minimal, concurrency, latencyMs)));
      const ratio = median(ratios);
      met &&= ratio >= GOAL;
      summaryRows.push([
        `${concurrency}`,
        `${latencyMs}`,
        fixed(idealSpan, 3),
        fixed(minimalOfIdeal, 3),
        fixed(oursOfIdeal, 3),
        `${fixed(ratio, 3)} (${fixed(Math.min(...ratios), 3)}-${fixed(Math.max(...ratios), 3)})`,
        ratio >= GOAL ? 'met' : 'MISSED',
      ]);
    }
    const summary = table(['C', 'L (ms)', 'ideal span (s)', 'minimal / ideal', 'ours / ideal', `ours / minimal (range over ${rounds} rounds)`, `goal >= ${GOAL}`], summaryRows);
    const runsTable = table(['C', 'L (ms)', 'round', 'client', 'span (s)', 'req/s', 'of ideal', 'max in flight', 'ours / minimal'], runRows);
    console.log(`\n${summary}\n\n${runsTable}`);
    writeSection({
      name: 'saturation',
      title: 'a. Saturation',
      command: `npm run bench:saturation${values.requests !== '2000' || values.rounds !== '5' ? ` -- --requests ${requests} --rounds ${rounds}` : ''}`,
      machine: host,
      body: [
        `${requests} requests with a tiny (4x4 PNG) image each, so the runs are bound by requests, not bytes. Span: server time from the first request's arrival to the last response's end; ideal = C / L. Medians over ${rounds} rounds, minimal client and \`bench run\` alternating in each.`,
        '',
        summary,
        '',
        runsTable,
        ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : ['', 'Both clients sent byte-identical request bodies (equal byte totals at the server).']),
      ].join('\n'),
    });
    return met ? 0 : 1;
  } finally {
    work.cleanup();
  }
}

process.exitCode = await main();
