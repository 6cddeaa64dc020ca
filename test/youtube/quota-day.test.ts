import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { QuotaStop, SearchBudgetSpent } from '../../plugins/collectors/youtube/errors.js';
import { nextPacificMidnight, pacificDay } from '../../plugins/collectors/youtube/pacific-time.js';
import { emptyLedgerState, QuotaLedger } from '../../plugins/collectors/youtube/quota-ledger.js';

const at = (iso: string) => Date.parse(iso);

describe('midnight Pacific', () => {
  test.each([
    // [now, Pacific day of now, next midnight]
    ['2026-01-15T12:00:00Z', '2026-01-15', '2026-01-16T08:00:00Z'], // PST
    ['2026-07-01T06:59:59Z', '2026-06-30', '2026-07-01T07:00:00Z'], // PDT, one second before midnight
    ['2026-07-01T07:00:00Z', '2026-07-01', '2026-07-02T07:00:00Z'], // PDT, at midnight
    ['2026-03-08T04:00:00Z', '2026-03-07', '2026-03-08T08:00:00Z'], // evening before DST starts
    ['2026-03-08T09:00:00Z', '2026-03-08', '2026-03-09T07:00:00Z'], // DST starts at 02:00: a 23-hour day
    ['2026-10-31T20:00:00Z', '2026-10-31', '2026-11-01T07:00:00Z'], // day before DST ends
    ['2026-11-01T08:30:00Z', '2026-11-01', '2026-11-02T08:00:00Z'], // DST ends at 02:00: a 25-hour day
  ])('at %s the quota day is %s and resets at %s', (now, day, midnight) => {
    expect(pacificDay(at(now))).toBe(day);
    expect(new Date(nextPacificMidnight(at(now))).toISOString().replace('.000', '')).toBe(midnight);
  });

  test('the next midnight is always later, at most 25 hours away, and starts the next quota day', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2035-01-01T00:00:00Z') }), (now) => {
        const midnight = nextPacificMidnight(now);
        expect(midnight).toBeGreaterThan(now);
        expect(midnight - now).toBeLessThanOrEqual(25 * 3600_000);
        expect(pacificDay(midnight)).not.toBe(pacificDay(now));
        expect(pacificDay(midnight - 1)).toBe(pacificDay(now));
      }),
    );
  });
});

describe('QuotaLedger', () => {
  test('books units per bucket, refuses past the budget and the search budget, and starts afresh each Pacific day', () => {
    let now = at('2026-03-08T04:00:00Z');
    const state = emptyLedgerState(now);
    const ledger = new QuotaLedger(state, { budget: 250, searchBudget: 200 }, () => now);
    ledger.spend('search', 100);
    ledger.spend('search', 100);
    expect(() => ledger.spend('search', 100)).toThrow(new SearchBudgetSpent('searchBudget'));
    ledger.spend('other', 49);
    // 1 unit left: other calls still fit, search.list waits for tomorrow.
    expect(() => ledger.spend('search', 100)).toThrow(SearchBudgetSpent);
    ledger.spend('other', 1);
    expect(() => ledger.spend('other', 1)).toThrow(QuotaStop);
    expect(ledger.today()).toEqual({ day: '2026-03-07', search: 200, other: 50, total: 250, limit: 250, left: 0 });

    ledger.markExhausted('quotaExceeded');
    now = at('2026-03-08T07:59:59Z');
    expect(() => ledger.spend('other', 1)).toThrow(/quotaExceeded.*2026-03-08T08:00:00Z/);
    now = at('2026-03-08T08:00:00Z');
    ledger.spend('other', 1);
    expect(state).toEqual({ day: '2026-03-08', used: { search: 0, other: 1 } });
  });
});
