import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PROJECT_DIR } from './processes.js';

/** What the benchmark server counted since its last reset (times are the server's performance.now()). */
export interface ServerStats {
  readonly latencyMs: number;
  /** Requests that arrived. */
  readonly requests: number;
  /** Responses fully handed to the socket. */
  readonly answered: number;
  /** Request bytes received (bodies only): equal totals mean equal requests. */
  readonly bytesIn: number;
  readonly firstArrivalMs: number | null;
  readonly lastFinishMs: number | null;
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Distinct request bodies (counted with `--answer hash` only). */
  readonly distinctBodies: number;
}

/** Server time from the first request's arrival to the last response's end. */
export function spanMs(stats: ServerStats): number {
  if (stats.firstArrivalMs === null || stats.lastFinishMs === null) return NaN;
  return stats.lastFinishMs - stats.firstArrivalMs;
}

/** The best throughput `concurrency` clients can reach when every answer takes `latencyMs`. */
export function idealRate(concurrency: number, latencyMs: number): number {
  return concurrency / (latencyMs / 1000);
}

export interface BenchServer {
  /** The OpenAI-compatible base URL (`.../v1`). */
  readonly url: string;
  readonly pid: number;
  stats(): Promise<ServerStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/** Starts benchmarks/lib/server-process.ts in its own process and waits until it listens. */
export async function startServer(options: { latencyMs: number; answer?: 'fixed' | 'hash' }): Promise<BenchServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', SCRIPT, '--latency', String(options.latencyMs), '--answer', options.answer ?? 'fixed'],
    { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the benchmark server exited (code ${code}) before listening`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const control = async (path: string, method: string) => {
    const response = await fetch(`${base}${path}`, { method });
    if (!response.ok) throw new Error(`benchmark server ${path}: HTTP ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return {
    url: `${base}/v1`,
    pid: child.pid!,
    stats: async () => (await control('/_stats', 'GET')) as ServerStats,
    reset: async () => void (await control('/_reset', 'POST')),
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
