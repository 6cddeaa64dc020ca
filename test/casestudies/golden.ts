import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from '@jest/globals';

const GOLDEN_DIR = new URL('./golden/', import.meta.url).pathname;

/**
 * Compares text with test/casestudies/golden/<name>. `UPDATE_GOLDEN=1` rewrites the file instead;
 * a golden that does not exist yet fails the test (it is never created silently).
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`no golden file ${path}; run with UPDATE_GOLDEN=1 to create it, then review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
