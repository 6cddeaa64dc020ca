/**
 * A circuit breaker for one endpoint: after `threshold` consecutive failures (network errors,
 * timeouts, 5xx) it is taken out for a cooldown that doubles on each renewed failure (up to a cap);
 * when the cooldown ends one probe request may go through, and its success puts the endpoint back.
 */
export class EndpointHealth {
  #failures = 0;
  #downUntil = 0;
  #cooldownMs: number;
  #probing = false;
  #cause: string | undefined;

  constructor(
    private readonly settings: { threshold: number; baseCooldownMs: number; maxCooldownMs: number } = {
      threshold: 3,
      baseCooldownMs: 1_000,
      maxCooldownMs: 30_000,
    },
  ) {
    this.#cooldownMs = settings.baseCooldownMs;
  }

  /** Why the last failed request failed (`connection refused`, `HTTP 503`, ...), while the endpoint is down. */
  get cause(): string | undefined {
    return this.down ? this.#cause : undefined;
  }

  get down(): boolean {
    return this.#failures >= this.settings.threshold;
  }

  /** When a down endpoint may be probed again (0 when it is up). */
  get downUntil(): number {
    return this.down ? this.#downUntil : 0;
  }

  /** Whether a request may be sent now; for a down endpoint, only one probe after its cooldown. */
  admits(now: number): boolean {
    if (!this.down) return true;
    return !this.#probing && now >= this.#downUntil;
  }

  /** Called when a request is sent; marks it as the probe when the endpoint is down. */
  onSend(): void {
    if (this.down) this.#probing = true;
  }

  onSuccess(): void {
    this.#failures = 0;
    this.#probing = false;
    this.#cooldownMs = this.settings.baseCooldownMs;
  }

  onFailure(now: number, cause?: string): void {
    this.#cause = cause;
    const wasProbe = this.#probing;
    this.#probing = false;
    this.#failures++;
    if (!this.down) return;
    if (wasProbe) this.#cooldownMs = Math.min(this.settings.maxCooldownMs, this.#cooldownMs * 2);
    this.#downUntil = now + this.#cooldownMs;
  }

  /** A request that ended without telling anything about the endpoint (cancelled by the run). */
  onCancelled(): void {
    this.#probing = false;
  }
}
