import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { discoverPlugins } from '../../core/registry/discover.js';
import { tempDir } from '../fixtures/datasets.js';

/** A plugin module with one metric, written as plain objects (no imports needed). */
function metricPlugin(name: string, metricId: string, apiVersion = 1): string {
  return `export default { apiVersion: ${apiVersion}, name: '${name}', metrics: [{ id: '${metricId}', description: 'test', compute: () => ({}) }] };\n`;
}

describe('plugin registry', () => {
  it('loads the built-ins', async () => {
    const registry = await discoverPlugins({ configPlugins: [], configDir: tempDir('reg'), projectDir: tempDir('reg') });
    expect(registry.problems).toEqual([]);
    expect(registry.list('task').map((t) => t.id)).toContain('hate-speech');
    expect(registry.list('model').map((t) => t.id)).toEqual(expect.arrayContaining(['openai-compatible', 'baseline/majority', 'baseline/random']));
    expect(registry.list('metric').map((t) => t.id)).toEqual(expect.arrayContaining(['accuracy', 'macro-f1', 'valid-rate']));
    expect(registry.list('task')[0]?.origin.kind).toBe('builtin');
  });

  it('loads config-listed paths and installed packages that declare the plugin field', async () => {
    const dir = tempDir('reg');
    writeFileSync(join(dir, 'local.ts'), metricPlugin('local', 'local-metric'));
    const pkg = join(dir, 'node_modules', 'mmsoc-plugin-x');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'mmsoc-plugin-x', version: '1.2.3', type: 'module', mmsocBench: { plugin: './index.js' } }));
    writeFileSync(join(pkg, 'index.js'), metricPlugin('x', 'x-metric'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', dependencies: { 'mmsoc-plugin-x': '^1.2.3' } }));
    const registry = await discoverPlugins({ configPlugins: ['./local.ts'], configDir: dir, projectDir: dir });
    expect(registry.problems).toEqual([]);
    const metrics = registry.list('metric');
    expect(metrics.find((m) => m.id === 'local-metric')?.origin).toMatchObject({ kind: 'config', name: './local.ts' });
    expect(metrics.find((m) => m.id === 'x-metric')?.origin).toMatchObject({ kind: 'installed', name: 'mmsoc-plugin-x', version: '1.2.3' });
  });

  it('reports each broken plugin in one line and still loads the rest', async () => {
    const dir = tempDir('reg');
    writeFileSync(join(dir, 'future.ts'), metricPlugin('future', 'f', 2));
    writeFileSync(join(dir, 'dupe.ts'), metricPlugin('dupe', 'accuracy'));
    writeFileSync(join(dir, 'throws.ts'), `throw new Error('boom at import');\nexport default {};\n`);
    writeFileSync(join(dir, 'good.ts'), metricPlugin('good', 'good-metric'));
    const registry = await discoverPlugins({
      configPlugins: ['./future.ts', './dupe.ts', './throws.ts', './missing.ts', './good.ts'],
      configDir: dir,
      projectDir: dir,
    });
    expect(registry.problems).toEqual([
      'config ./future.ts: declares plugin apiVersion 2, but this mmsoc-bench supports apiVersion 1; upgrade mmsoc-bench or use an older release of the plugin',
      "metric id 'accuracy' is defined twice: by built-in (mmsoc-bench@0.1.0) and by config ./dupe.ts; rename one of them",
      'config ./throws.ts: failed to load (boom at import); fix or remove this plugin',
      expect.stringMatching(/^config plugin \.\/missing\.ts: plugin path \.\/missing\.ts does not exist/),
    ]);
    expect(registry.list('metric').map((m) => m.id)).toContain('good-metric');
  });

  it('suggests close matches for an unknown id', async () => {
    const registry = await discoverPlugins({ configPlugins: [], configDir: tempDir('reg'), projectDir: tempDir('reg') });
    expect(() => registry.model('openai-compatibel', 'models.llava.use')).toThrow(
      "models.llava.use: unknown model 'openai-compatibel'; did you mean 'openai-compatible'? (bench list models shows all)",
    );
    expect(() => registry.task('hate_speech')).toThrow(/did you mean 'hate-speech'/);
  });
});
