type Waiter<T> = { resolve: (value: T) => void; reject: (reason: unknown) => void; signal?: AbortSignal; onAbort: () => void };

/**
 * Callers waiting for a resource, first come first served, except that urgent callers go before all
 * others (first come first served among themselves); a caller whose signal is aborted leaves the
 * queue and its promise rejects with the signal's reason.
 */
export class WaitQueue<T> {
  readonly #urgent: Waiter<T>[] = [];
  readonly #waiters: Waiter<T>[] = [];

  get size(): number {
    return this.#urgent.length + this.#waiters.length;
  }

  wait(signal?: AbortSignal, urgent = false): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const line = urgent ? this.#urgent : this.#waiters;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = line.indexOf(waiter);
          if (at >= 0) line.splice(at, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      line.push(waiter);
    });
  }

  /** Turns every waiter away with `reason`. */
  rejectAll(reason: unknown): void {
    for (const waiter of this.#urgent.splice(0).concat(this.#waiters.splice(0))) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(reason);
    }
  }

  /** Hands the first waiter what `make` gives; false when nobody waits. */
  serve(make: () => T): boolean {
    const waiter = this.#urgent.shift() ?? this.#waiters.shift();
    if (!waiter) return false;
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(make());
    return true;
  }
}
