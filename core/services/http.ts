import http from 'node:http';
import https from 'node:https';
import got, { type Got } from 'got';

/**
 * The one HTTP client model adapters use: keep-alive sockets sized for many concurrent requests and
 * no retries of its own, because retries live once, in the core's request runner.
 */
export function createHttpClient(): Got {
  const agentOptions = { keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, scheduling: 'lifo' as const };
  return got.extend({
    agent: { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) },
    retry: { limit: 0 },
    throwHttpErrors: false,
    decompress: true,
  });
}
