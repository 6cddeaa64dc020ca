/**
 * a. Saturation: how close `bench run` gets to the throughput a server allows, next to a minimal
 * keep-alive node:http client in the same invocation.
 *
 * For each dataset and scenario (concurrency C, per-request latency L) the loopback server (its own
 * process) answers every request after exactly L ms, so the ideal throughput is C / L. Each round runs
 * the minimal client and `bench run` (the compiled CLI) over the same samples (order alternating
 * between rounds), and the server measures each run's span: first request's arrival to last
 * response's end. achieved / ideal = (requests / span) / (C / L). Goal: ours >= 0.95 x the minimal
 * client's, medians over the rounds.
 *
 * Datasets: `tiny` (JSONL rows naming 4x4 PNG files: request-bound), `parquet-2000` and
 * `parquet-20000` (Hateful-Memes-shaped rows in the Hub parquet layout, ~4.7 kB images inside the
 * parquet file, as `bench data pull` fetches the real one), `image-100kb` (JSONL rows naming ~100 kB
 * PNG files). `--requests` sets the size of `tiny` and `image-100kb`.
 *
 *   npm run bench:saturation -- [--requests 2000] [--rounds 5] [--datasets tiny,parquet-2000,parquet-20000,image-100kb]
 *
 * Exits 1 when the goal is missed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { expectRequests, imageQuestion, median, runMinimal, runOurs, type ClientRun } from './lib/clients.js';
import { benchConfig, largeImageDataset, parquetImageDataset, tinyImageDataset, workDir } from './lib/datasets.js';
import { fixed, table, writeSection } from './lib/doc.js';
import { machine } from './lib/machine.js';
import { idealRate, startServer } from './lib/server.js';

const GOAL = 0.95;
const SCENARIOS = [
  { concurrency: 64, latencyMs: 50 },
  { concurrency: 256, latencyMs: 200 },
] as const;

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    datasets: { type: 'string', default: 'tiny,parquet-2000,parquet-20000,image-100kb' },
  },
});
const rounds = Number(values.rounds);
const fileRequests = Number(values.requests);

interface Dataset {
  readonly name: string;
  readonly requests: number;
  /** What one row is, for the doc. */
  readonly describe: string;
  make(dir: string): Promise<string>;
}

/** The Hub's Hateful Memes images average about 4.7 kB inside its parquet files. */
const HUB_IMAGE_BYTES = 4_700;

const DATASETS: readonly Dataset[] = [
  { name: 'tiny', requests: fileRequests, describe: 'JSONL, 4x4 PNG files (~80 B)', make: (dir) => tinyImageDataset(dir, fileRequests) },
  ...[2_000, 20_000].map((rows) => ({
    name: `parquet-${rows}`,
    requests: rows,
    describe: 'Hub parquet layout, ~4.7 kB PNGs inside the file, row groups of 100',
    make: (dir: string) => parquetImageDataset(dir, rows, { imageBytes: HUB_IMAGE_BYTES, pool: 500 }),
  })),
  {
    name: 'image-100kb',
    requests: fileRequests,
    describe: 'JSONL, ~100 kB PNG files',
    make: (dir) => largeImageDataset(dir, fileRequests, { imageBytes: 100_000, pool: fileRequests }),
  },
];
const chosen = values.datasets.split(',').map((name) => {
  const dataset = DATASETS.find((d) => d.name === name);
  if (!dataset) throw new Error(`--datasets: unknown dataset ${name} (known: ${DATASETS.map((d) => d.name).join(', ')})`);
  return dataset;
});

interface Round {
  readonly round: number;
  readonly minimal: ClientRun;
  readonly ours: ClientRun;
}

const ofIdeal = (run: ClientRun, requests: number, concurrency: number, latencyMs: number) =>
  requests / (run.spanMs / 1000) / idealRate(concurrency, latencyMs);

/** One dataset at one (C, L): `rounds` rounds of both clients against a fresh server. */
async function measure(work: string, dataset: Dataset, data: string, concurrency: number, latencyMs: number, question: string, notes: string[]): Promise<Round[]> {
  const server = await startServer({ latencyMs });
  const measured: Round[] = [];
  try {
    const configDir = join(work, `${dataset.name}-c${concurrency}`);
    mkdirSync(configDir);
    const config = benchConfig(configDir, { endpoint: server.url, concurrency, data, kind: 'image' });
    for (let round = 1; round <= rounds; round++) {
      // Alternating the order spreads any drift of the machine's load over both clients.
      const runMinimalNow = () => runMinimal(server, { data, concurrency, question });
      const runOursNow = () => runOurs(server, config, { out: join(configDir, `out-${round}`) });
      let minimal: ClientRun;
      let ours: ClientRun;
      if (round % 2) {
        minimal = await runMinimalNow();
        ours = await runOursNow();
      } else {
        ours = await runOursNow();
        minimal = await runMinimalNow();
      }
      for (const run of [minimal, ours]) expectRequests(run, dataset.requests);
      if (ours.bytesIn !== minimal.bytesIn) notes.push(`${dataset.name} C=${concurrency} round ${round}: request bytes differ (ours ${ours.bytesIn}, minimal ${minimal.bytesIn})`);
      measured.push({ round, minimal, ours });
      const of = (run: ClientRun) => fixed(ofIdeal(run, dataset.requests, concurrency, latencyMs), 3);
      console.log(`${dataset.name} C=${concurrency} L=${latencyMs} ms round ${round}: minimal ${of(minimal)} of ideal, ours ${of(ours)}`);
    }
  } finally {
    await server.close();
  }
  return measured;
}

async function main(): Promise<number> {
  const host = machine();
  const work = workDir('saturation');
  try {
    const question = imageQuestion();
    const runRows: string[][] = [];
    const summaryRows: string[][] = [];
    const notes: string[] = [];
    let met = true;
    for (const dataset of chosen) {
      const data = await dataset.make(join(work.dir, `data-${dataset.name}`));
      const { requests } = dataset;
      for (const { concurrency, latencyMs } of SCENARIOS) {
        const measured = await measure(work.dir, dataset, data, concurrency, latencyMs, question, notes);
        const of = (run: ClientRun) => ofIdeal(run, requests, concurrency, latencyMs);
        for (const { round, minimal, ours } of measured) {
          for (const run of [minimal, ours]) {
            runRows.push([
              dataset.name,
              `${concurrency}`,
              `${latencyMs}`,
              `${round}`,
              run.client,
              fixed(run.spanMs / 1000, 3),
              fixed(of(run), 3),
              `${run.maxInFlight}`,
              fixed(run.treeCpuMs / requests, 2),
              run === ours ? fixed(minimal.spanMs / ours.spanMs, 3) : '',
            ]);
          }
        }
        const ratios = measured.map((r) => r.minimal.spanMs / r.ours.spanMs);
        const ratio = median(ratios);
        met &&= ratio >= GOAL;
        summaryRows.push([
          dataset.name,
          `${concurrency}`,
          `${latencyMs}`,
          fixed(requests / idealRate(concurrency, latencyMs), 2),
          fixed(median(measured.map((r) => of(r.minimal))), 3),
          fixed(median(measured.map((r) => of(r.ours))), 3),
          `${fixed(ratio, 3)} (${fixed(Math.min(...ratios), 3)}-${fixed(Math.max(...ratios), 3)})`,
          fixed(median(measured.map((r) => r.minimal.treeCpuMs / requests)), 2),
          fixed(median(measured.map((r) => r.ours.treeCpuMs / requests)), 2),
          ratio >= GOAL ? 'met' : 'MISSED',
        ]);
      }
    }
    const summary = table(
      [
        'dataset',
        'C',
        'L (ms)',
        'ideal span (s)',
        'minimal / ideal',
        'ours / ideal',
        `ours / minimal (range over ${rounds} rounds)`,
        'minimal tree CPU ms/req',
        'ours tree CPU ms/req',
        `goal >= ${GOAL}`,
      ],
      summaryRows,
    );
    const runsTable = table(['dataset', 'C', 'L (ms)', 'round', 'client', 'span (s)', 'of ideal', 'max in flight', 'tree CPU ms/req', 'ours / minimal'], runRows);
    console.log(`\n${summary}\n\n${runsTable}`);
    const defaults = values.requests === '2000' && values.rounds === '5' && values.datasets === 'tiny,parquet-2000,parquet-20000,image-100kb';
    writeSection({
      name: 'saturation',
      title: 'a. Saturation',
      command: `npm run bench:saturation${defaults ? '' : ` -- --requests ${fileRequests} --rounds ${rounds} --datasets ${values.datasets}`}`,
      machine: host,
      body: [
        'Datasets:',
        ...chosen.map((d) => `- \`${d.name}\`: ${d.requests} rows, ${d.describe}`),
        '',
        `One request per row. Span: server time from the first request's arrival to the last response's end; ideal = C / L. Medians over ${rounds} rounds, minimal client and \`bench run\` (the compiled CLI, \`--no-cache\`) alternating in each. Tree CPU: user + sys of each client's whole process tree, start to exit (GNU time), per request: ours includes its start-up, metrics and report; the minimal client's includes tsx (it is a TypeScript script) and, for parquet, decoding every row before its first request.`,
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
