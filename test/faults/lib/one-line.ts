import { expect } from '@jest/globals';
import type { BatchResult } from './cli-batch.js';

/** The command failed with `code`, printed nothing on stdout and exactly one line on stderr, matching `expected`. */
export function expectOneLineError(result: BatchResult, code: number, expected: string | RegExp): void {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: '' });
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toEqual([typeof expected === 'string' ? expected : expect.stringMatching(expected)]);
}
