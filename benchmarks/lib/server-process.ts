/**
 * The loopback OpenAI-compatible server of the benchmarks, run in its own process so that the CPU
 * of the client being measured is never mixed with the server's.
 *
 *   node --import tsx benchmarks/lib/server-process.ts --latency 50 [--port 0] [--answer fixed|hash]
 *
 * Prints one JSON line `{"port": N}` on stdout once listening. Every POST is answered after exactly
 * `--latency` ms (counted from the end of the request body) with a one-word chat completion. It is
 * leaner than test/fixtures/openai-server.ts on purpose: it keeps no request bodies (50,000 requests of
 * 130 kB would not fit) and does not parse them, so the server costs as little as possible of the
 * two cores it shares with the client. `--answer hash` answers 'Yes' or 'No' from an md5 of the body,
 * so a sample gets the same answer in every run (the shards benchmark needs real metrics);
 * `--answer fixed` always says 'Yes'.
 *
 * Control endpoints (not counted): GET /_stats -> ServerStats, POST /_reset -> zeroes the stats.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { ServerStats } from './server.js';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '50' },
    port: { type: 'string', default: '0' },
    answer: { type: 'string', default: 'fixed' },
  },
});
const latencyMs = Number(values.latency);
const hashAnswers = values.answer === 'hash';

type Counters = { -readonly [K in keyof ServerStats]: ServerStats[K] } & { bodies: Set<string> };

const fresh = (): Counters => ({
  latencyMs,
  requests: 0,
  answered: 0,
  bytesIn: 0,
  firstArrivalMs: null,
  lastFinishMs: null,
  inFlight: 0,
  maxInFlight: 0,
  distinctBodies: 0,
  bodies: new Set(),
});
let stats = fresh();

function completion(content: string, index: number): string {
  return JSON.stringify({
    id: `chatcmpl-${index}`,
    object: 'chat.completion',
    created: 0,
    model: 'bench',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 100, completion_tokens: 1, total_tokens: 101 },
  });
}

const server = http.createServer((req, res) => {
  if (req.url === '/_stats') {
    const { bodies, ...plain } = stats;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...plain, distinctBodies: bodies.size }));
    return;
  }
  if (req.url === '/_reset') {
    stats = fresh();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    return;
  }
  // bench run's preflight (GET /v1/models) is no request of the measurement: 404, as on servers without the route.
  if (req.method === 'GET') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    return;
  }
  // A reset during a request must not let it count in the next measurement.
  const current = stats;
  current.firstArrivalMs ??= performance.now();
  current.requests++;
  current.inFlight++;
  current.maxInFlight = Math.max(current.maxInFlight, current.inFlight);
  const index = current.requests;
  const hash = hashAnswers ? createHash('md5') : undefined;
  req.on('data', (chunk: Buffer) => {
    current.bytesIn += chunk.length;
    hash?.update(chunk);
  });
  req.on('end', () => {
    let content = 'Yes';
    if (hash) {
      const digest = hash.digest('hex');
      current.bodies.add(digest);
      content = parseInt(digest.slice(0, 2), 16) % 2 ? 'Yes' : 'No';
    }
    setTimeout(() => {
      const body = completion(content, index);
      res.on('finish', () => {
        current.inFlight--;
        current.answered++;
        current.lastFinishMs = performance.now();
      });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    }, latencyMs);
  });
});
// Clients keep their sockets between requests; the server must not close them first.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n');
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
