import { BenchError, EXIT } from 'mmsoc-bench';
import { formatLocalAndUtc } from './pacific-time.js';

export type QuotaStopReason = 'quotaExceeded' | 'dailyLimitExceeded' | 'budget' | 'searchBudget';

const STOP_CAUSE: Record<QuotaStopReason, string> = {
  quotaExceeded: 'the API reports the daily quota is spent (quotaExceeded)',
  dailyLimitExceeded: 'the API reports the daily limit is reached (dailyLimitExceeded)',
  budget: "today's --budget is spent",
  searchBudget: "today's --search-budget is spent and searches have pages left (all other work is done)",
};

/**
 * Today's API quota (or the `--budget` cap) is spent. Everything done so far is saved; the same command
 * continues after `resumeAt`, the next midnight Pacific time.
 */
export class QuotaStop extends BenchError {
  constructor(
    readonly reason: QuotaStopReason,
    readonly resumeAt: number,
  ) {
    super(
      `stopped: ${STOP_CAUSE[reason]}; state saved. Run the same command again after midnight Pacific time: ` +
        formatLocalAndUtc(resumeAt),
      EXIT.resumableStop,
    );
    this.name = 'QuotaStop';
  }
}

/** search.list may spend no more today: search seeds wait for the next day, other work goes on. */
export class SearchBudgetSpent extends Error {
  constructor(readonly limit: 'searchBudget' | 'budget') {
    super(`today's --${limit === 'budget' ? 'budget' : 'search-budget'} leaves no room for search.list`);
    this.name = 'SearchBudgetSpent';
  }
}

/** The API refused one request for a reason that concerns only that item (not found, forbidden, bad id...). */
export class ApiItemError extends Error {
  constructor(
    readonly reason: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiItemError';
  }
}

/**
 * The API kept failing (rate limit, 5xx, network, timeouts, answers that are not the API's) past the retry
 * limit, or refused a whole videos.list batch: stop, keep state and the queue, rerun later.
 */
export class ApiUnavailable extends BenchError {
  constructor(message: string) {
    super(`stopped: ${message}; state saved, run the same command again later`, EXIT.someFailed);
    this.name = 'ApiUnavailable';
  }
}

/** SIGINT or an aborted run: no new work was taken, work in flight was finished and saved. */
export class Interrupted extends BenchError {
  constructor() {
    super('interrupted: state saved, run the same command again to continue', EXIT.interrupted);
    this.name = 'Interrupted';
  }
}
