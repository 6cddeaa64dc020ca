import { QuotaStop, SearchBudgetSpent } from './errors.js';
import { nextPacificMidnight, pacificDay } from './pacific-time.js';

/** search.list draws on its own budget so a few searches cannot eat the day's detail fetches. */
export type QuotaBucket = 'search' | 'other';

/** What the checkpoint stores: units spent per bucket on one Pacific quota day. */
export interface QuotaLedgerState {
  day: string;
  used: Record<QuotaBucket, number>;
  /** Set when the API itself said the day's quota is gone: no call is worth making until midnight Pacific. */
  exhausted?: 'quotaExceeded' | 'dailyLimitExceeded';
}

export interface QuotaLimits {
  /** Most units to spend per Pacific day, both buckets together, counting earlier runs of the day. */
  readonly budget?: number;
  /** Most units search.list may spend per Pacific day. */
  readonly searchBudget: number;
}

export interface QuotaToday {
  readonly day: string;
  readonly search: number;
  readonly other: number;
  readonly total: number;
  /** What the day allows: `--budget`, or else the API's default project quota. */
  readonly limit: number;
  /** Units still to spend today (0 once the API said the quota is gone). */
  readonly left: number;
  readonly exhausted?: string;
}

/** The quota a Data API project gets unless Google granted it more. */
export const DEFAULT_DAILY_QUOTA = 10_000;

export function emptyLedgerState(now: number): QuotaLedgerState {
  return { day: pacificDay(now), used: { search: 0, other: 0 } };
}

/**
 * Counts every request before it is sent (retries included, as the API bills them), so a crash can only
 * over-count. Mutates the state object it is given; persisting it is the checkpoint's job.
 */
export class QuotaLedger {
  constructor(
    private readonly state: QuotaLedgerState,
    private readonly limits: QuotaLimits,
    private readonly now: () => number,
  ) {}

  /**
   * Books `units` on today's ledger, or refuses: QuotaStop when nothing more may be spent today,
   * SearchBudgetSpent when only search.list must wait (its budget, or a --budget too small for 100 units).
   */
  spend(bucket: QuotaBucket, units: number): void {
    this.rollOver();
    if (this.state.exhausted) throw new QuotaStop(this.state.exhausted, this.resumeAt());
    const { used } = this.state;
    const overBudget = this.limits.budget !== undefined && used.search + used.other + units > this.limits.budget;
    if (bucket === 'search' && used.search + units > this.limits.searchBudget) throw new SearchBudgetSpent('searchBudget');
    if (bucket === 'search' && overBudget) throw new SearchBudgetSpent('budget');
    if (overBudget) throw new QuotaStop('budget', this.resumeAt());
    used[bucket] += units;
  }

  markExhausted(reason: 'quotaExceeded' | 'dailyLimitExceeded'): void {
    this.rollOver();
    this.state.exhausted = reason;
  }

  today(): QuotaToday {
    this.rollOver();
    const { day, used, exhausted } = this.state;
    const total = used.search + used.other;
    const limit = this.limits.budget ?? DEFAULT_DAILY_QUOTA;
    const left = exhausted ? 0 : Math.max(0, limit - total);
    return { day, search: used.search, other: used.other, total, limit, left, ...(exhausted ? { exhausted } : {}) };
  }

  /** When spending becomes possible again: the next midnight Pacific. */
  resumeAt(): number {
    return nextPacificMidnight(this.now());
  }

  private rollOver(): void {
    const day = pacificDay(this.now());
    if (day === this.state.day) return;
    this.state.day = day;
    this.state.used = { search: 0, other: 0 };
    delete this.state.exhausted;
  }
}
