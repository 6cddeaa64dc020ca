/**
 * Callers waiting for a resource, first come first served; a caller whose signal is aborted leaves
 * the queue and its promise rejects with the signal's reason.
 */
export class WaitQueue<T> {
  readonly #waiters: Array<{ resolve: (value: T) => void; signal?: AbortSignal; onAbort: () => void }> = [];

  get size(): number {
    return this.#waiters.length;
  }

  wait(signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        resolve,
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

  /** Hands the oldest waiter what `make` gives; false when nobody waits. */
  serve(make: () => T): boolean {
    const waiter = this.#waiters.shift();
    if (!waiter) return false;
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(make());
    return true;
  }
}
