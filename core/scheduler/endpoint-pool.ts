/** A granted slot: which endpoint to call, and how to give the slot back. */
export interface Lease {
  readonly endpoint: string | undefined;
  release(): void;
}

/**
 * The concurrency limit of one model, shared by every task that uses it. A slot is granted on the
 * endpoint with the fewest requests in flight, so replicas of a server fill evenly. Waiters are served
 * first come, first served.
 */
export class EndpointPool {
  readonly #inFlight: number[];
  readonly #waiters: Array<{ grant: (lease: Lease) => void; reject: (reason: unknown) => void; signal?: AbortSignal; onAbort: () => void }> = [];
  #total = 0;
  #peak = 0;

  constructor(
    readonly endpoints: readonly (string | undefined)[],
    readonly limit: number,
  ) {
    if (endpoints.length === 0) throw new Error('EndpointPool needs at least one endpoint (undefined for in-process models)');
    this.#inFlight = endpoints.map(() => 0);
  }

  get inFlight(): number {
    return this.#total;
  }

  /** Highest number of slots held at once since the pool was made. */
  get peak(): number {
    return this.#peak;
  }

  acquire(signal?: AbortSignal): Promise<Lease> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#total < this.limit) return Promise.resolve(this.#grant());
    return new Promise<Lease>((resolve, reject) => {
      const waiter = {
        grant: resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.#waiters.indexOf(waiter);
          if (at >= 0) this.#waiters.splice(at, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #grant(): Lease {
    let best = 0;
    for (let i = 1; i < this.#inFlight.length; i++) if (this.#inFlight[i]! < this.#inFlight[best]!) best = i;
    this.#inFlight[best]!++;
    this.#total++;
    if (this.#total > this.#peak) this.#peak = this.#total;
    let released = false;
    return {
      endpoint: this.endpoints[best],
      release: () => {
        if (released) return;
        released = true;
        this.#inFlight[best]!--;
        this.#total--;
        this.#next();
      },
    };
  }

  #next(): void {
    const waiter = this.#waiters.shift();
    if (!waiter) return;
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.grant(this.#grant());
  }
}
