import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir, writeConfig } from '../fixtures/datasets.js';

/** The smallest valid config, plus the given `plugins` list: enough for every `bench plugins` command. */
export function projectConfig(dir: string, plugins: readonly string[] = []): string {
  return writeConfig(dir, { plugins, models: { majority: { use: 'baseline/majority' } }, tasks: { 'hate-speech': {} } });
}

/** A temp project holding `files` (path -> content) and a config listing `plugins`. Returns the config path. */
export function projectWith(files: Record<string, string>, plugins: readonly string[] = Object.keys(files).map((f) => `./${f}`)): { dir: string; config: string } {
  const dir = tempDir('plugins');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, config: projectConfig(dir, plugins) };
}

/** A plugin module written as a plain object (no imports), with extra definition members as source text. */
export function pluginModule(name: string, members: string, apiVersion = 1): string {
  return `export default { apiVersion: ${apiVersion}, name: '${name}', ${members} };\n`;
}

export function metricMembers(id: string): string {
  return `metrics: [{ id: '${id}', description: 'test', compute: () => ({}) }]`;
}

/** A package folder whose plugin has one metric, declaring `field` as its plugin field (null: none). */
export function pluginPackage(root: string, name: string, metricId: string, field: object | null = { plugin: './index.js' }): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', ...(field === null ? {} : { mmsocBench: field }) }));
  writeFileSync(join(dir, 'index.js'), pluginModule(name, metricMembers(metricId)));
  return dir;
}
