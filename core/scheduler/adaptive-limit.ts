/**
 * Additive-increase / multiplicative-decrease concurrency for one endpoint, as TCP congestion control
 * does: a 429 (or latency far above the best seen) cuts the limit by `decreaseFactor`; each success
 * adds 1/limit, so the limit grows by one per round of `limit` successes, back up to the configured cap.
 *
 * Two things make it settle below a server's admission limit instead of swinging around it:
 * - one decrease per window: a refusal of a request sent before the last decrease says nothing new
 *   (the server refused it under the old limit), so a burst of them counts once, however fast the
 *   server answers;
 * - cautious probing: once the server has refused at some concurrency, the last step to that level
 *   (and the one past it) is `probeSlowdown` times slower, so the limit stays below it for many rounds
 *   between two probes; past it, the server has room again and the limit grows at the usual pace.
 */
export class AdaptiveLimit {
  #limit: number;
  #bestLatency = Infinity;
  /** Tickets of requests sent so far; a refusal with a ticket below `#windowStart` predates the last decrease. */
  #sent = 0;
  #windowStart = 0;
  /** The concurrency at which the server last refused (Infinity before any refusal). */
  #refusedAt = Infinity;

  constructor(
    readonly cap: number,
    private readonly settings: { decreaseFactor: number; probeSlowdown: number; congestionRatio: number; congestionFloorMs: number } = {
      decreaseFactor: 0.7,
      probeSlowdown: 10,
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

  /** Called when a request is sent; its ticket goes back with its outcome. */
  onSend(): number {
    return this.#sent++;
  }

  onSuccess(latencyMs: number, ticket: number): void {
    this.#bestLatency = Math.min(this.#bestLatency, latencyMs);
    const congested =
      latencyMs > this.settings.congestionFloorMs && latencyMs > this.settings.congestionRatio * this.#bestLatency;
    if (congested) {
      this.#decrease(ticket);
      return;
    }
    const step = 1 / Math.max(1, this.#limit);
    const probing = Math.abs(this.#limit - this.#refusedAt) < 1;
    this.#limit = Math.min(this.cap, this.#limit + (probing ? step / this.settings.probeSlowdown : step));
  }

  onThrottled(ticket: number): void {
    this.#decrease(ticket);
  }

  #decrease(ticket: number): void {
    if (ticket < this.#windowStart) return;
    this.#windowStart = this.#sent;
    this.#refusedAt = this.limit;
    this.#limit = Math.max(1, this.#limit * this.settings.decreaseFactor);
  }
}
