import type { Clock } from '../services/clock.js';
import { AdaptiveLimit } from './adaptive-limit.js';
import { EndpointHealth } from './endpoint-health.js';
import { WaitQueue } from './wait-queue.js';

/**
 * How an attempt on an endpoint ended, as far as the endpoint's health and concurrency go:
 * `ok` answered; `throttled` back-pressure: 429, or 503 with Retry-After (alive, but asks for less); `failed` network error, timeout, 5xx or
 * an unreadable body; `rejected` another 4xx (alive; the request was at fault); `cancelled` the run
 * stopped it.
 */
export type AttemptOutcome =
  | { readonly kind: 'ok'; readonly latencyMs: number }
  /** `cause`: why, in a few words (`connection refused`), for the progress line. */
  | { readonly kind: 'failed'; readonly cause?: string }
  | { readonly kind: 'throttled' | 'rejected' | 'cancelled' };

/** Every endpoint of a model has failed for the pool's `downAfterMs`: its remaining samples wait for a rerun. */
export class EndpointsDown extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointsDown';
  }
}

/** How an endpoint is named on the progress line: host and port, never userinfo or query keys. */
function endpointName(url: string | undefined): string {
  if (!url) return 'in-process';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A slot on one endpoint, held for one attempt. */
export interface Lease {
  readonly endpoint: string | undefined;
  release(outcome?: AttemptOutcome): void;
}

interface Endpoint {
  readonly url: string | undefined;
  readonly limit: AdaptiveLimit;
  readonly health: EndpointHealth;
  inFlight: number;
  sent: number;
}

export interface EndpointStats {
  readonly url: string | undefined;
  readonly limit: number;
  readonly inFlight: number;
  readonly sent: number;
  readonly down: boolean;
  /** Why it is down (the last failure), when it is. */
  readonly cause: string | undefined;
}

/**
 * The endpoints of one model (replicas of a server), each with its own concurrency cap adapted to how
 * it answers (AIMD) and a circuit breaker. A slot is granted on the admitting endpoint with the fewest
 * requests in flight, so faster replicas, which free their slots sooner, get more of the load. Waiters
 * are served first come, first served; when every endpoint is down, the earliest probe wakes them.
 */
export class EndpointPool {
  readonly #endpoints: Endpoint[];
  readonly #queue = new WaitQueue<Lease>();
  #wakeTimer: ReturnType<typeof setTimeout> | undefined;
  #total = 0;
  #peak = 0;
  #rotation = 0;
  /** Since when every endpoint has been down (undefined while one is up). */
  #allDownSince: number | undefined;
  #gaveUp: EndpointsDown | undefined;

  constructor(
    urls: readonly (string | undefined)[],
    /** In-flight cap per endpoint. */
    readonly capPerEndpoint: number,
    private readonly clock: Clock,
    /** How long every endpoint may be down before the pool gives up (documented in docs/config.md). */
    private readonly downAfterMs = 60_000,
  ) {
    if (urls.length === 0) throw new Error('EndpointPool needs at least one endpoint (undefined for in-process models)');
    this.#endpoints = urls.map((url) => ({ url, limit: new AdaptiveLimit(capPerEndpoint), health: new EndpointHealth(), inFlight: 0, sent: 0 }));
  }

  /** Most requests the pool can have in flight: the sum of the endpoints' caps. */
  get capacity(): number {
    return this.capPerEndpoint * this.#endpoints.length;
  }

  get inFlight(): number {
    return this.#total;
  }

  get peak(): number {
    return this.#peak;
  }

  stats(): EndpointStats[] {
    return this.#endpoints.map((e) => ({ url: e.url, limit: e.limit.limit, inFlight: e.inFlight, sent: e.sent, down: e.health.down, cause: e.health.cause }));
  }

  /**
   * The endpoints that are down, for the progress line: `gpu-1:8000: connection refused, retrying`;
   * undefined while all are up.
   */
  status(): string | undefined {
    const down = this.#endpoints.filter((e) => e.health.down);
    if (down.length === 0) return undefined;
    const verb = this.#gaveUp ? 'gave up' : 'retrying';
    return down.map((e) => `${endpointName(e.url)}: ${e.health.cause ?? 'failing'}, ${verb}`).join('; ');
  }

  /**
   * A slot, now or once one frees. Retries are served before first attempts: a sample already
   * started finishes first (and frees its admission place), and when an endpoint comes back from a
   * cooldown its probe is a request that has failed before, not one of the fresh samples queued
   * behind it.
   */
  acquire(signal?: AbortSignal, retry = false): Promise<Lease> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#givesUp()) return Promise.reject(this.#gaveUp);
    const endpoint = this.#queue.size === 0 ? this.#pick() : undefined;
    if (endpoint) return Promise.resolve(this.#grant(endpoint));
    const granted = this.#queue.wait(signal, retry);
    this.#scheduleWake();
    return granted;
  }

  /** The admitting endpoint with a free slot and the fewest requests in flight (ties rotate). */
  #pick(): Endpoint | undefined {
    const now = this.clock.now();
    let best: Endpoint | undefined;
    const n = this.#endpoints.length;
    for (let k = 0; k < n; k++) {
      const endpoint = this.#endpoints[(this.#rotation + k) % n]!;
      if (endpoint.inFlight >= endpoint.limit.limit || !endpoint.health.admits(now)) continue;
      if (!best || endpoint.inFlight < best.inFlight) best = endpoint;
    }
    if (best) this.#rotation = (this.#endpoints.indexOf(best) + 1) % n;
    return best;
  }

  #grant(endpoint: Endpoint): Lease {
    endpoint.inFlight++;
    endpoint.sent++;
    endpoint.health.onSend();
    const ticket = endpoint.limit.onSend();
    this.#total++;
    this.#peak = Math.max(this.#peak, this.#total);
    let released = false;
    return {
      endpoint: endpoint.url,
      release: (outcome = { kind: 'cancelled' }) => {
        if (released) return;
        released = true;
        endpoint.inFlight--;
        this.#total--;
        this.#record(endpoint, outcome, ticket);
        this.#drain();
      },
    };
  }

  #record(endpoint: Endpoint, outcome: AttemptOutcome, ticket: number): void {
    const now = this.clock.now();
    switch (outcome.kind) {
      case 'ok':
        this.#allDownSince = undefined;
        endpoint.health.onSuccess();
        endpoint.limit.onSuccess(outcome.latencyMs, ticket);
        break;
      case 'throttled':
        this.#allDownSince = undefined;
        endpoint.health.onSuccess();
        endpoint.limit.onThrottled(ticket);
        break;
      case 'rejected':
        this.#allDownSince = undefined;
        endpoint.health.onSuccess();
        break;
      case 'failed':
        endpoint.health.onFailure(now, outcome.cause);
        if (this.#endpoints.every((e) => e.health.down)) this.#allDownSince ??= now;
        break;
      case 'cancelled':
        endpoint.health.onCancelled();
        break;
    }
  }

  /**
   * Whether every endpoint has been down for `downAfterMs`; then (once) every waiter is turned away
   * with EndpointsDown, and so is every later request.
   */
  #givesUp(): boolean {
    if (this.#gaveUp) return true;
    if (this.#allDownSince === undefined || this.clock.now() - this.#allDownSince < this.downAfterMs) return false;
    const causes = this.#endpoints.map((e) => `${endpointName(e.url)}: ${e.health.cause ?? 'failing'}`).join('; ');
    this.#gaveUp = new EndpointsDown(`every endpoint has failed for ${Math.round(this.downAfterMs / 1000)} s (${causes}); stopped this model, rerun to resume`);
    this.#queue.rejectAll(this.#gaveUp);
    return true;
  }

  #drain(): void {
    if (this.#givesUp()) return;
    // Picking moves the rotation on, so pick only for a waiter.
    while (this.#queue.size > 0) {
      const endpoint = this.#pick();
      if (!endpoint) break;
      this.#queue.serve(() => this.#grant(endpoint));
    }
    this.#scheduleWake();
  }

  /**
   * With waiters and nothing in flight to free a slot, only a cooldown's end can (or the moment the
   * pool gives up on endpoints that stay down): wake up then.
   */
  #scheduleWake(): void {
    if (this.#wakeTimer || this.#queue.size === 0 || this.#total > 0) return;
    const giveUpAt = this.#allDownSince === undefined ? Infinity : this.#allDownSince + this.downAfterMs;
    const next = Math.min(giveUpAt, ...this.#endpoints.map((e) => e.health.downUntil).filter((t) => t > 0));
    if (!Number.isFinite(next)) return;
    this.#wakeTimer = setTimeout(() => {
      this.#wakeTimer = undefined;
      this.#drain();
    }, Math.max(0, next - this.clock.now()));
  }
}
