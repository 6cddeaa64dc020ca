/**
 * c. Peer: `bench run` next to promptfoo (its openai:chat provider with apiBaseUrl) on the same
 * loopback server, the same 2,000 image requests (same question, same data URLs) and the same
 * concurrency, in one invocation; the minimal node:http client runs too, as the machine's limit.
 * The samples are Hateful-Memes-shaped rows in the Hub parquet layout with ~4.7 kB images inside the
 * file (`--dataset tiny`: JSONL rows naming 4x4 PNG files, as before); promptfoo, which cannot read
 * parquet, gets each row's image as a data URL in its tests file.
 *
 * promptfoo 0.121.20 (the last release for Node 20) is installed once with npm into
 * <os tmpdir>/mmsoc-bench-promptfoo, outside the project. Compared: the server-side span and the
 * CPU (user + sys) of each client's whole process tree, start to exit (GNU time), since promptfoo's
 * request phase cannot be told apart from the outside.
 *
 *   npm run bench:peer -- [--requests 2000] [--rounds 1] [--dataset parquet|tiny]
 *
 * Exits 2 when promptfoo cannot be installed or run.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { expectRequests, imageQuestion, median, runMinimal, runOther, runOurs, type ClientRun } from './lib/clients.js';
import { benchConfig, imageDataUrls, parquetImageDataset, tinyImageDataset, workDir } from './lib/datasets.js';
import { fixed, table, writeSection } from './lib/doc.js';
import { machine } from './lib/machine.js';
import { ensurePromptfoo, PROMPTFOO_DIR, PROMPTFOO_VERSION, PromptfooUnavailable, runPromptfoo, writePromptfooProject } from './lib/promptfoo.js';
import { idealRate, startServer } from './lib/server.js';

const CONCURRENCY = 64;
const LATENCY_MS = 50;

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '1' }, dataset: { type: 'string', default: 'parquet' } },
});
if (values.dataset !== 'parquet' && values.dataset !== 'tiny') throw new Error(`--dataset: parquet or tiny, not ${values.dataset}`);
const requests = Number(values.requests);
const rounds = Number(values.rounds);

async function main(): Promise<number> {
  const host = machine();
  const entry = ensurePromptfoo();
  const work = workDir('peer');
  const server = await startServer({ latencyMs: LATENCY_MS });
  try {
    const data =
      values.dataset === 'parquet'
        ? await parquetImageDataset(join(work.dir, 'data'), requests, { imageBytes: 4_700, pool: 500 })
        : await tinyImageDataset(join(work.dir, 'data'), requests);
    const question = imageQuestion();
    const config = benchConfig(work.dir, { endpoint: server.url, concurrency: CONCURRENCY, data, kind: 'image' });
    const promptfooConfig = writePromptfooProject(join(work.dir, 'promptfoo'), { endpoint: server.url, question, imageUrls: await imageDataUrls(data) });
    const runs: Record<'ours' | 'promptfoo' | 'minimal', ClientRun[]> = { ours: [], promptfoo: [], minimal: [] };
    for (let round = 1; round <= rounds; round++) {
      runs.ours.push(await runOurs(server, config, { out: join(work.dir, `out-${round}`) }));
      runs.promptfoo.push(
        await runOther(server, `promptfoo ${PROMPTFOO_VERSION}`, () => runPromptfoo(entry, promptfooConfig, { concurrency: CONCURRENCY, home: join(work.dir, 'promptfoo') })),
      );
      runs.minimal.push(await runMinimal(server, { data, concurrency: CONCURRENCY, question }));
      for (const list of Object.values(runs)) expectRequests(list.at(-1)!, requests);
      console.log(`round ${round}: span ours ${fixed(runs.ours.at(-1)!.spanMs / 1000)} s, promptfoo ${fixed(runs.promptfoo.at(-1)!.spanMs / 1000)} s, minimal ${fixed(runs.minimal.at(-1)!.spanMs / 1000)} s`);
    }
    const ideal = idealRate(CONCURRENCY, LATENCY_MS);
    const rows = Object.values(runs).map((list) => {
      const span = median(list.map((r) => r.spanMs));
      const tree = median(list.map((r) => r.treeCpuMs));
      const phase = list[0]!.phaseCpuMs === undefined ? undefined : median(list.map((r) => r.phaseCpuMs!));
      return [
        list[0]!.client,
        fixed(span / 1000, 2),
        fixed(requests / (span / 1000) / ideal, 3),
        `${Math.max(...list.map((r) => r.maxInFlight))}`,
        fixed(tree / 1000, 2),
        fixed(tree / requests, 2),
        fixed(phase === undefined ? undefined : phase / requests, 2),
        fixed(median(list.map((r) => r.maxRssMiB)), 0),
        `${list[0]!.bytesIn}`,
      ];
    });
    const spanRatio = median(runs.promptfoo.map((r) => r.spanMs)) / median(runs.ours.map((r) => r.spanMs));
    const cpuRatio = median(runs.promptfoo.map((r) => r.treeCpuMs)) / median(runs.ours.map((r) => r.treeCpuMs));
    const results = table(
      ['client', 'span (s)', 'of ideal', 'max in flight', 'process-tree CPU (s)', 'tree CPU ms/req', 'request-phase CPU ms/req', 'peak RSS (MiB)', 'request bytes'],
      rows,
    );
    const ratios = `promptfoo / ours: span x${fixed(spanRatio, 2)}, process-tree CPU x${fixed(cpuRatio, 2)}.`;
    console.log(`\n${results}\n\n${ratios}`);
    writeSection({
      name: 'peer',
      title: 'c. Peer: promptfoo',
      command: `npm run bench:peer${values.requests !== '2000' || values.rounds !== '1' || values.dataset !== 'parquet' ? ` -- --requests ${requests} --rounds ${rounds} --dataset ${values.dataset}` : ''}`,
      machine: host,
      body: [
        `${requests} requests, ${values.dataset === 'parquet' ? 'Hateful-Memes-shaped rows in the Hub parquet layout with a ~4.7 kB PNG inside the file each (promptfoo gets them as data URLs in its tests file)' : 'a tiny (4x4 PNG) image file each'}, concurrency ${CONCURRENCY}, server latency ${LATENCY_MS} ms (ideal span ${fixed(requests / ideal, 2)} s). promptfoo ${PROMPTFOO_VERSION} (installed by the script into \`${PROMPTFOO_DIR}\`) runs \`promptfoo eval --max-concurrency ${CONCURRENCY} --no-cache\` with its \`openai:chat\` provider (\`apiBaseUrl\` = the server), one chat prompt with the same question and an \`{{image}}\` data URL, and one test per sample; its result database goes to a folder of the run. ${rounds > 1 ? `Medians over ${rounds} rounds.` : 'One round.'} Process-tree CPU includes each tool's start-up (promptfoo's and ours': the compiled CLI, which bundles its \`bench.config.ts\` with esbuild on its first run) and ours' report.`,
        '',
        results,
        '',
        ratios,
      ].join('\n'),
    });
    return 0;
  } finally {
    await server.close();
    work.cleanup();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof PromptfooUnavailable)) throw error;
  console.error(`\npromptfoo could not be installed or run, so there is no comparison:\n${error.message}`);
  process.exitCode = 2;
}
