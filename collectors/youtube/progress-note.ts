import type { QuotaToday } from './quota-ledger.js';

/** `quota today 31 units (other 31, search 0)`: the tail of every progress line. */
export function quotaNote(today: QuotaToday): string {
  return `quota today ${today.total} units (other ${today.other}, search ${today.search})`;
}
