import { Agent, request } from 'undici';

export interface TransportResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface TransportRequest {
  readonly url: string;
  /** The request body, already serialised (JSON for model servers). */
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

/** Sends one POST and reads the whole answer; never retries (the core's request runner does). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * The HTTP client of the hot path (every request to a model server): undici with keep-alive
 * connections, no limit of its own (the scheduler limits concurrency) and no retries. got, the
 * general client, costs about 0.6 ms of CPU per request more (docs/performance.md), which at
 * thousands of requests a second is what decides whether the client or the GPU is the bottleneck.
 */
export function createTransport(): Transport {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: null, pipelining: 1 });
  return async ({ url, body, headers, signal }) => {
    const response = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      signal,
      dispatcher,
    });
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  };
}
