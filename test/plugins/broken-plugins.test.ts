import { describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';
import { metricMembers, pluginModule, projectWith } from './projects.js';

/** One plugin of each kind of breakage, and one that works. */
function brokenProject(): { config: string } {
  return projectWith({
    'future.ts': pluginModule('future', metricMembers('future-metric'), 2),
    'dupe.ts': pluginModule('dupe', metricMembers('accuracy')),
    'throws.ts': "throw new Error('boom at import');\nexport default {};\n",
    'good.ts': pluginModule('good', metricMembers('good-metric')),
  });
}

const PROBLEMS = [
  'config ./future.ts: declares plugin apiVersion 2, but this mmsoc-bench supports apiVersion 1; upgrade mmsoc-bench or use an older release of the plugin',
  "metric id 'accuracy' is defined twice: by built-in (mmsoc-bench@0.1.0) and by config ./dupe.ts; rename one of them",
  'config ./throws.ts: failed to load (boom at import); fix or remove this plugin',
];

describe('broken plugins', () => {
  it('each give one warning line naming the plugin and the fix, and bench list still lists the others', async () => {
    const { config } = brokenProject();
    const result = await benchInProcess(['list', 'metrics', '-c', config]);
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual(PROBLEMS.map((p) => `warn: ${p}`));
    expect(result.stdout).toMatch(/^good-metric +config \.\/good\.ts /m);
    expect(result.stdout).toMatch(/^accuracy +built-in/m);
    expect(result.stdout).not.toMatch(/future-metric/);
  });

  it('are all reported by bench plugins doctor at once, with exit code 2', async () => {
    const { config } = brokenProject();
    const result = await benchInProcess(['plugins', 'doctor', '-c', config]);
    expect(result.code).toBe(2);
    expect(result.stdout.trim().split('\n')).toEqual([...PROBLEMS, '3 plugins loaded; 3 problems (above)']);
  });

  it('leave the loaded plugins in bench plugins list, with the problems in its JSON', async () => {
    const { config } = brokenProject();
    const result = await benchInProcess(['plugins', 'list', '--json', '-c', config]);
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as { plugins: Array<{ name: string; source: string; metrics: string[] }>; problems: string[] };
    expect(listed.plugins.map((p) => [p.name, p.source])).toEqual([
      ['mmsoc-bench', 'builtin'],
      ['dupe', 'config'],
      ['good', 'config'],
    ]);
    expect(listed.problems).toEqual(PROBLEMS);
  });
});
