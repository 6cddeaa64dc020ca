/**
 * Additive-increase / multiplicative-decrease concurrency for one endpoint, as TCP congestion control
 * does: a 429 (or latency far above the best seen) halves the limit, at most once per cooldown so a
 * burst of rejections of requests already in flight counts once; each success adds 1/limit, so the
 * limit grows by one per round of `limit` successes, back up to the configured cap.
 */
export class AdaptiveLimit {
  #limit: number;
  #lastDecrease = -Infinity;
  #bestLatency = Infinity;

  constructor(
    readonly cap: number,
    private readonly settings: { decreaseFactor: number; cooldownMs: number; congestionRatio: number; congestionFloorMs: number } = {
      decreaseFactor: 0.5,
      cooldownMs: 1_000,
      congestionRatio: 4,
      congestionFloorMs: 1_000,
    },
  ) {
    this.#limit = cap;
  }

  /** Requests the endpoint may have in flight now. */
  get limit(): number {
    return Math.max(1, Math.floor(this.#limit));
  }

  onSuccess(latencyMs: number, now: number): void {
    this.#bestLatency = Math.min(this.#bestLatency, latencyMs);
    const congested =
      latencyMs > this.settings.congestionFloorMs && latencyMs > this.settings.congestionRatio * this.#bestLatency;
    if (congested) {
      this.#decrease(now);
      return;
    }
    this.#limit = Math.min(this.cap, this.#limit + 1 / Math.max(1, this.#limit));
  }

  onThrottled(now: number): void {
    this.#decrease(now);
  }

  #decrease(now: number): void {
    if (now - this.#lastDecrease < this.settings.cooldownMs) return;
    this.#lastDecrease = now;
    this.#limit = Math.max(1, this.#limit * this.settings.decreaseFactor);
  }
}
