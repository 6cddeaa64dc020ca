import http from 'node:http';
import https from 'node:https';
import type { PluginContext, PostResponse } from '../contracts/context.js';

/** Sends one POST and reads the whole answer; never retries (the core's request runner does). */
export type Transport = PluginContext['post'];

interface Target {
  readonly client: typeof http | typeof https;
  readonly agent: http.Agent;
  readonly options: http.RequestOptions;
}

/**
 * The HTTP client of the hot path (every request to a model server): node:http over keep-alive
 * agents with no socket limit of their own (the scheduler limits concurrency) and no retries.
 *
 * Not got (about 0.6 ms of CPU per request more) and not undici: undici waits two turns of the
 * event loop before it reuses a keep-alive socket, so a request sent the moment a slot frees opens a
 * new connection or waits, which at hundreds of requests in flight left the server idle for tens of
 * milliseconds after each wave of answers. node:http hands the freed socket to the next request
 * before any promise continuation runs (docs/performance.md).
 */
export function createTransport(): Transport {
  const agents = {
    // Free sockets are bounded by the scheduler's concurrency already; the default 256 would close
    // and reopen connections of larger pools after every wave of answers.
    'http:': new http.Agent({ keepAlive: true, maxFreeSockets: Infinity }),
    'https:': new https.Agent({ keepAlive: true, maxFreeSockets: Infinity }),
  };
  // Parsed once per URL: a run talks to a handful of endpoints, thousands of times each.
  const targets = new Map<string, Target>();
  const targetOf = (url: string): Target => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${url}: only http and https URLs are supported`);
      const secure = parsed.protocol === 'https:';
      target = {
        client: secure ? https : http,
        agent: agents[parsed.protocol],
        options: {
          protocol: parsed.protocol,
          hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: parsed.port || (secure ? 443 : 80),
          path: `${parsed.pathname}${parsed.search}`,
          ...(parsed.username ? { auth: `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` } : {}),
        },
      };
      targets.set(url, target);
    }
    return target;
  };

  return ({ url, body, headers, signal }) =>
    new Promise<PostResponse>((resolve, reject) => {
      const { client, agent, options } = targetOf(url);
      const request = client.request(
        {
          ...options,
          method: 'POST',
          agent,
          signal,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text });
          });
          // A connection cut mid-answer ends with 'close' and no 'end' (settling twice is a no-op).
          response.on('close', () => {
            if (!response.complete) reject(Object.assign(new Error('the connection closed before the answer ended'), { code: 'ECONNRESET' }));
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}
