import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hateSpeech } from '../../plugins/tasks/hate-speech.js';
import type { MinimalResult } from './minimal-client.js';
import type { OursResult } from './ours-result.js';
import { runMeasured, runTs, SOURCES_EXEC_ARGV, withResult, type Measured } from './processes.js';
import { spanMs, type BenchServer, type ServerStats } from './server.js';

const OURS = fileURLToPath(new URL('./ours-child.js', import.meta.url));
const MINIMAL = fileURLToPath(new URL('./minimal-client.ts', import.meta.url));

/** One client's run against the benchmark server, as every benchmark reports it. */
export interface ClientRun {
  readonly client: string;
  /** Requests the server received (a cache hit or a dropped sample would show here). */
  readonly requests: number;
  /** Server time from the first request's arrival to the last response's end. */
  readonly spanMs: number;
  readonly maxInFlight: number;
  readonly bytesIn: number;
  /** CPU of the client process over its request phase only (no start-up, no report). */
  readonly phaseCpuMs: number | undefined;
  /** user + sys of the whole client process tree, start-up to exit (GNU time). */
  readonly treeCpuMs: number;
  readonly wallMs: number;
  readonly maxRssMiB: number;
}

export interface OursRun extends ClientRun {
  readonly ours: OursResult;
}

/** The question the Hateful Memes task asks with each image (what the minimal client must send too). */
export function imageQuestion(): string {
  const [message] = hateSpeech.prompt({ id: 'q', gold: 'hateful', image: { ref: 'q', read: async () => new Uint8Array() } }, {});
  const text = Array.isArray(message?.content) ? message.content.find((part) => part.type === 'text') : undefined;
  if (!text || text.type !== 'text') throw new Error('the hate-speech task no longer sends a text part with its image');
  return text.text;
}

/** Resets the server's counters, runs `client`, and returns what the server saw with the child's figures. */
async function measured<T>(server: BenchServer, client: () => Promise<Measured<T>>): Promise<{ run: Measured<T>; stats: ServerStats }> {
  await server.reset();
  const run = await client();
  return { run, stats: await server.stats() };
}

function clientRun<T>(client: string, run: Measured<T>, stats: ServerStats, phaseCpuMs: number | undefined): ClientRun {
  return {
    client,
    requests: stats.requests,
    spanMs: spanMs(stats),
    maxInFlight: stats.maxInFlight,
    bytesIn: stats.bytesIn,
    phaseCpuMs,
    treeCpuMs: run.cpuMs,
    wallMs: run.wallMs,
    maxRssMiB: run.maxRssMiB,
  };
}

/**
 * `bench run -c <config> --no-cache` into a fresh output folder, in a child process of its own: the
 * compiled CLI in dist/ (`npm run build`), or with `sources` the TypeScript sources through tsx.
 */
export async function runOurs(server: BenchServer, config: string, options: { out: string; memoryEvery?: number; label?: string; sources?: boolean }): Promise<OursRun> {
  const { run, stats } = await measured(server, () => runOursChild(config, options));
  const { result } = withResult('bench run', run);
  return { ...clientRun(options.label ?? 'ours', run, stats, result.evalEnd.cpuMs - result.evalStart.cpuMs), ours: result };
}

/** The `bench run` child alone, with no server to measure (the start-up benchmark's runs). */
export function runOursChild(config: string, options: { out: string; memoryEvery?: number; sources?: boolean }): Promise<Measured<OursResult>> {
  const memory = options.memoryEvery ? ['--memory-every', String(options.memoryEvery)] : [];
  const node = options.sources ? [...SOURCES_EXEC_ARGV, OURS, '--sources'] : [OURS];
  return runMeasured<OursResult>(process.execPath, [...node, ...memory, '--', 'run', '-c', config, '--out', options.out, '--no-cache'], {
    env: { XDG_CACHE_HOME: join(options.out, 'xdg-cache') },
  });
}

/** The minimal node:http client over the same dataset. */
export async function runMinimal(server: BenchServer, options: { data: string; concurrency: number; question: string }): Promise<ClientRun> {
  const { run, stats } = await measured(server, () =>
    runTs<MinimalResult>(MINIMAL, ['--url', server.url, '--data', options.data, '--concurrency', String(options.concurrency), '--question', options.question]),
  );
  const { result } = withResult('the minimal client', run);
  if (result.answered !== result.requests) throw new Error(`the minimal client got ${result.answered} answers to ${result.requests} requests`);
  return clientRun('minimal node:http', run, stats, result.loopCpuMs);
}

/** Any other client command (promptfoo), measured the same way. */
export async function runOther(server: BenchServer, client: string, start: () => Promise<Measured<unknown>>): Promise<ClientRun> {
  const { run, stats } = await measured(server, start);
  return clientRun(client, run, stats, undefined);
}

/** Fails when a client did not send exactly the expected requests (a cache hit, a lost sample, a retry). */
export function expectRequests(run: ClientRun, expected: number): void {
  if (run.requests !== expected) throw new Error(`${run.client}: the server received ${run.requests} requests, expected ${expected}`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
