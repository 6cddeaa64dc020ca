/**
 * e. Start-up: how long the CLI takes before it does any work, as shipped (the compiled dist/) and,
 * for comparison in the same invocation, from the TypeScript sources through tsx (how bin/bench.js
 * ran before dist/ existed).
 *
 * - `npx bench --version` and `node bin/bench.js --version`: wall time and process-tree CPU (GNU time).
 *   References measured in the same rounds: `npx floor`, a tiny package's bin that does nothing (npm's
 *   own share of an `npx` start), and `node -e ""` (Node's own start).
 * - `bench run` start-up: CPU of the `bench run` process (all its threads) from its start to the first
 *   sample handed to the scheduler, i.e. before the first request. The config is a `bench.config.ts`:
 *   once with the bundle an earlier run kept in `.bench/bundled/` (every rerun), once bundled afresh by
 *   esbuild (the first run after an edit; esbuild's helper process is not in this figure, it is in the
 *   process-tree CPU). The run itself is 20 requests to the loopback benchmark server; the process-tree
 *   CPU of the whole run (start-up, requests, metrics, report) is shown too.
 *
 *   npm run bench:startup -- [--rounds 10]     (builds dist/ first)
 *
 * Exits 1 when a goal is missed: `npx bench --version` < 0.3 s, `bench run` start-up CPU < 0.5 s (medians).
 */
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, runOursChild } from './lib/clients.js';
import { benchConfig, tinyImageDataset, workDir } from './lib/datasets.js';
import { fixed, table, writeSection } from './lib/doc.js';
import { machine } from './lib/machine.js';
import { BENCH_BIN, PROJECT_DIR, runMeasured, SOURCES_EXEC_ARGV, succeeded, withResult, type Measured } from './lib/processes.js';
import { startServer } from './lib/server.js';

const VERSION_GOAL_S = 0.3;
const RUN_START_GOAL_S = 0.5;
const RUN_REQUESTS = 20;

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } } });
const rounds = Number(values.rounds);

interface Case {
  readonly label: string;
  readonly measure: () => Promise<{ wallMs: number; cpuMs: number; startCpuMs?: number }>;
}

const timed = async (what: string, run: Promise<Measured<unknown>>) => {
  const { wallMs, cpuMs } = succeeded(what, await run);
  return { wallMs, cpuMs };
};

/** A package whose bin does nothing: what `npx` costs before any CLI of its own runs. Returns its folder. */
function noOpPackage(dir: string): string {
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'floor', version: '1.0.0', private: true, bin: { floor: 'floor.js' } }));
  writeFileSync(join(dir, 'floor.js'), '#!/usr/bin/env node\n');
  chmodSync(join(dir, 'floor.js'), 0o755);
  return dir;
}

/**
 * A user's project with the package in `packageDir` as a dependency, linked as npm links a folder
 * dependency: there npx finds `node_modules/.bin/<bin>` and runs it, without loading the project's tree.
 * Returns its folder.
 */
function dependentProject(dir: string, dependency: { name: string; packageDir: string; bin: string; binFile: string }): string {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, dependencies: { [dependency.name]: `file:${dependency.packageDir}` } }));
  symlinkSync(dependency.packageDir, join(dir, 'node_modules', dependency.name));
  symlinkSync(join('..', dependency.name, dependency.binFile), join(dir, 'node_modules', '.bin', dependency.bin));
  return dir;
}

async function main(): Promise<number> {
  const host = machine();
  const work = workDir('startup');
  const server = await startServer({ latencyMs: 1 });
  try {
    const data = await tinyImageDataset(join(work.dir, 'data'), RUN_REQUESTS);
    mkdirSync(join(work.dir, 'config'));
    const config = benchConfig(join(work.dir, 'config'), { endpoint: server.url, concurrency: 4, data, kind: 'image' });
    const floor = noOpPackage(join(work.dir, 'floor'));
    const dependent = dependentProject(join(work.dir, 'user-project'), { name: 'mmsoc-bench', packageDir: PROJECT_DIR, bin: 'bench', binFile: 'bin/bench.js' });
    const floorDependent = dependentProject(join(work.dir, 'floor-user-project'), { name: 'floor', packageDir: floor, bin: 'floor', binFile: 'floor.js' });
    let outs = 0;
    const benchRun = (sources: boolean, before?: () => void) => async () => {
      before?.();
      const run = withResult('bench run', await runOursChild(config, { out: join(work.dir, `out-${outs++}`), sources }));
      return { wallMs: run.wallMs, cpuMs: run.cpuMs, startCpuMs: run.result.evalStart.cpuMs };
    };
    const forgetBundle = () => rmSync(join(dirname(config), '.bench', 'bundled'), { recursive: true, force: true });
    const npx: Case = { label: '`npx bench --version` (dist)', measure: () => timed('npx bench --version', runMeasured('npx', ['bench', '--version'])) };
    const npxDependent: Case = {
      label: '`npx bench --version` (a project depending on mmsoc-bench)',
      measure: () => timed('npx bench --version in a dependent project', runMeasured('npx', ['bench', '--version'], { cwd: dependent })),
    };
    const npxFloorDependent: Case = {
      label: '`npx floor` (a project depending on the no-op package)',
      measure: () => timed('npx floor in a dependent project', runMeasured('npx', ['floor'], { cwd: floorDependent })),
    };
    const npxFloor: Case = { label: '`npx floor` (a no-op bin: npm\'s own share)', measure: () => timed('npx floor', runMeasured('npx', ['floor'], { cwd: floor })) };
    const emptyNode: Case = { label: '`node -e ""` (Node\'s own start)', measure: () => timed('node -e ""', runMeasured(process.execPath, ['-e', ''])) };
    const runKept: Case = { label: `\`bench run\`, ${RUN_REQUESTS} requests (dist; config bundle kept from an earlier run)`, measure: benchRun(false) };
    const runFresh: Case = { label: `\`bench run\`, ${RUN_REQUESTS} requests (dist; config bundled afresh)`, measure: benchRun(false, forgetBundle) };
    const runSources: Case = { label: `\`bench run\`, ${RUN_REQUESTS} requests (sources through tsx)`, measure: benchRun(true) };
    const cases: Case[] = [
      npx,
      npxFloor,
      npxDependent,
      npxFloorDependent,
      emptyNode,
      { label: '`node bin/bench.js --version` (dist)', measure: () => timed('bench --version', runMeasured(process.execPath, [BENCH_BIN, '--version'])) },
      {
        label: '`node bin/bench.js --version` (sources through tsx)',
        measure: () => timed('bench --version from the sources', runMeasured(process.execPath, [...SOURCES_EXEC_ARGV, BENCH_BIN, '--version'])),
      },
      runKept,
      runFresh,
      runSources,
    ];
    const figures = new Map<Case, { wallMs: number; cpuMs: number; startCpuMs?: number }[]>(cases.map((c) => [c, []]));
    // Unmeasured: the run that bundles the config and keeps it (what every later run finds).
    await runKept.measure();
    for (let round = 1; round <= rounds; round++) {
      // Alternating the order spreads any drift of the machine's load over all cases.
      for (const c of round % 2 ? cases : [...cases].reverse()) figures.get(c)!.push(await c.measure());
      console.log(`round ${round} of ${rounds} done`);
    }
    const medians = new Map(
      cases.map((c) => {
        const list = figures.get(c)!;
        const starts = list.flatMap((f) => (f.startCpuMs === undefined ? [] : [f.startCpuMs]));
        return [c, { wallS: median(list.map((f) => f.wallMs)) / 1000, cpuS: median(list.map((f) => f.cpuMs)) / 1000, startCpuS: starts.length ? median(starts) / 1000 : undefined }];
      }),
    );
    const of = (c: Case) => medians.get(c)!;
    const rows = cases.map((c) => [c.label, fixed(of(c).wallS, 3), fixed(of(c).cpuS, 3), fixed(of(c).startCpuS, 3)]);
    const results = table(['command', 'wall (s)', 'process-tree CPU (s)', 'CPU before the first request (s)'], rows);
    const versionMet = of(npx).wallS < VERSION_GOAL_S && of(npxDependent).wallS < VERSION_GOAL_S;
    const startMet = of(runKept).startCpuS! < RUN_START_GOAL_S;
    const goals = [
      `- \`npx bench --version\` wall ${fixed(of(npx).wallS, 3)} s in the package's folder, ${fixed(of(npxDependent).wallS, 3)} s in a project depending on it: goal < ${VERSION_GOAL_S} s ${versionMet ? 'met' : 'MISSED'}; npx with a bin that does nothing takes ${fixed(of(npxFloor).wallS, 3)} s and ${fixed(of(npxFloorDependent).wallS, 3)} s in the same two places.`,
      `- \`bench run\` CPU before the first request ${fixed(of(runKept).startCpuS, 3)} s (${fixed(of(runFresh).startCpuS, 3)} s when the config is bundled afresh): goal < ${RUN_START_GOAL_S} s ${startMet ? 'met' : 'MISSED'}; Node's own start is ${fixed(of(emptyNode).cpuS, 3)} s of CPU on this machine; the sources through tsx need x${fixed(of(runSources).startCpuS! / of(runKept).startCpuS!, 1)} of it.`,
    ].join('\n');
    console.log(`\n${results}\n\n${goals}`);
    writeSection({
      name: 'startup',
      title: 'f. Start-up',
      command: `npm run bench:startup${values.rounds !== '10' ? ` -- --rounds ${rounds}` : ''}`,
      machine: host,
      body: [
        `Medians over ${rounds} rounds, the commands alternating in each. "CPU before the first request" is the \`bench run\` process's own CPU (all threads) until it hands the first sample to the scheduler; process-tree CPU is the whole command, start to exit, with its helper processes (GNU time). The config is a \`bench.config.ts\`, bundled by esbuild on a run's first start and kept in \`.bench/bundled/\` for the next (\`core/util/import-file.ts\`): "bundled afresh" deletes the kept bundle before each of its runs (esbuild's helper process is in its process-tree CPU, not in its CPU before the first request); the run sends ${RUN_REQUESTS} tiny-image requests to the loopback server, then writes metrics and the report. "Sources through tsx" is \`node --conditions=mmsoc-bench-source --import tsx bin/bench.js\`, i.e. how the CLI ran before it shipped compiled JavaScript (tsx's transform cache warm). In the package's own folder npx loads the installed tree (Arborist) before it runs the bin, because the folder's package.json declares \`bench\`; in a project that depends on mmsoc-bench (linked as npm links a folder dependency) it runs \`node_modules/.bin/bench\` directly. \`npx floor\` runs a tiny package's bin that does nothing, from its folder: npm's own share of any \`npx\` start; \`node -e ""\` is Node's own start, the floor of any command here.`,
        '',
        results,
        '',
        goals,
      ].join('\n'),
    });
    return versionMet && startMet ? 0 : 1;
  } finally {
    await server.close();
    work.cleanup();
  }
}

process.exitCode = await main();
