import { WaitQueue } from './wait-queue.js';

/**
 * A counting semaphore bounding how many samples are in progress at once (holding a slot, waiting for
 * one, or backing off between retries). This, not the endpoint slots, is what keeps memory
 * O(concurrency): a sample backing off frees its endpoint slot but not its admission.
 */
export class Admission {
  #held = 0;
  #peak = 0;
  readonly #queue = new WaitQueue<() => void>();

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`admission capacity must be at least 1, got ${capacity}`);
  }

  get held(): number {
    return this.#held;
  }

  get peak(): number {
    return this.#peak;
  }

  /** Resolves with a release function once a place is free. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#held < this.capacity) return Promise.resolve(this.#take());
    return this.#queue.wait(signal);
  }

  #take(): () => void {
    this.#held++;
    this.#peak = Math.max(this.#peak, this.#held);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held--;
      this.#queue.serve(() => this.#take());
    };
  }
}
