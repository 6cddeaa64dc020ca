import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';

/*
 * The tables of `bench report` for fixed metrics files, against golden files. To change the expected
 * output on purpose, run with UPDATE_GOLDEN=1 and review the diff of test/reports/golden.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const EXTENSIONS = { md: 'md', csv: 'csv', latex: 'tex' } as const;

const cases: ReadonlyArray<readonly [string, keyof typeof EXTENSIONS, readonly string[]]> = [
  ['run-a', 'md', ['run-a']],
  ['run-a', 'csv', ['run-a']],
  ['run-a', 'latex', ['run-a']],
  ['runs-a-b', 'md', ['run-a', 'run-b']],
  ['runs-a-b', 'csv', ['run-a', 'run-b']],
  ['runs-a-b', 'latex', ['run-a', 'run-b']],
];

describe('bench report tables', () => {
  it.each(cases)('%s as %s matches its golden file', async (name, format, runs) => {
    const { code, stdout, stderr } = await benchInProcess(['report', ...runs.map((run) => join(FIXTURES, run)), '--format', format]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const golden = join(GOLDEN, `${name}.${EXTENSIONS[format]}`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, stdout);
    expect(stdout).toBe(readFileSync(golden, 'utf8'));
  });

  it('prints the metrics files as JSON', async () => {
    const { code, stdout } = await benchInProcess(['report', join(FIXTURES, 'run-a'), join(FIXTURES, 'run-b'), '--format', 'json']);
    expect(code).toBe(0);
    const fixture = (run: string) => JSON.parse(readFileSync(join(FIXTURES, run, 'metrics.json'), 'utf8'));
    expect(JSON.parse(stdout)).toEqual([fixture('run-a'), fixture('run-b')]);
  });

  it('refuses a folder without metrics.json in one line, exit code 2', async () => {
    const { code, stdout, stderr } = await benchInProcess(['report', FIXTURES]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`error: ${FIXTURES}: no readable metrics.json (is it a run folder? bench run prints one on its last line)`);
  });
});
