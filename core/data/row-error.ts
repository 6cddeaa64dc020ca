import type { Row } from '../contracts/sample.js';

/**
 * The convention for a row a source could not read but can step over: the row carries `__error`
 * (the reason, naming where it was) and the source goes on with the next one. Tasks turn such a row
 * into a skipped sample, so a bad line costs one sample, not the run.
 */
export const ROW_ERROR = '__error';

export function errorRow(reason: string, where: Readonly<Record<string, unknown>>): Row {
  // Reasons come from parsers quoting the bad input: keep them on one line.
  return { [ROW_ERROR]: reason.replace(/[\r\n]+/g, ' '), ...where };
}
