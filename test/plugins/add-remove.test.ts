import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readAddedPlugins, registryRecordPath } from '../../core/registry/record.js';
import { benchInProcess } from '../fixtures/cli.js';
import { tempDir } from '../fixtures/datasets.js';
import { pluginPackage, projectConfig } from './projects.js';

function dependencies(dir: string): Record<string, string> {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
}

/** A project folder with a config and, unless told otherwise, a package.json; beside it, package folders to add. */
function workspace(options: { packageJson: boolean } = { packageJson: true }): { root: string; project: string; config: string } {
  const root = tempDir('add');
  const project = join(root, 'project');
  mkdirSync(project);
  if (options.packageJson) writePackageJson(project);
  return { root, project, config: projectConfig(project) };
}

function writePackageJson(project: string): void {
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', private: true, type: 'module' }));
}

describe('bench plugins add and remove', () => {
  it('add installs a package folder as a dependency and records it; remove undoes both', async () => {
    const { root, project, config } = workspace({ packageJson: false });
    const folder = pluginPackage(root, 'mmsoc-plugin-local', 'local-metric');

    // The project has no package.json yet: add says how to make one, and changes nothing.
    const refused = await benchInProcess(['plugins', 'add', folder, '-c', config]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`error: ${project} has no package.json; create one (npm init -y) so added plugins are kept as dependencies\n`);

    writePackageJson(project);
    const added = await benchInProcess(['plugins', 'add', folder, '-c', config]);
    expect(added).toMatchObject({ code: 0, stdout: 'added mmsoc-plugin-local@1.0.0: metrics: local-metric\n' });
    expect(dependencies(project)).toEqual({ 'mmsoc-plugin-local': 'file:../mmsoc-plugin-local' });
    expect(await readAddedPlugins(registryRecordPath(project))).toEqual([{ spec: '../mmsoc-plugin-local', name: 'mmsoc-plugin-local', addedAt: expect.any(String) }]);

    const listed = await benchInProcess(['plugins', 'list', '-c', config]);
    expect(listed.stdout).toContain('mmsoc-plugin-local@1.0.0  added  apiVersion 1\n  metrics     local-metric\n');
    expect((await benchInProcess(['list', 'metrics', '-c', config])).stdout).toMatch(/^local-metric +installed mmsoc-plugin-local@1\.0\.0 /m);

    const unknown = await benchInProcess(['plugins', 'remove', 'mmsoc-plugin-locl', '-c', config]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: mmsoc-plugin-locl was not added with bench plugins add; did you mean 'mmsoc-plugin-local'\?; /);

    const removed = await benchInProcess(['plugins', 'remove', folder, '-c', config]);
    expect(removed).toMatchObject({ code: 0, stdout: 'removed mmsoc-plugin-local\n' });
    expect(dependencies(project)).toEqual({});
    expect(existsSync(join(project, 'node_modules', 'mmsoc-plugin-local'))).toBe(false);
    expect(await readAddedPlugins(registryRecordPath(project))).toEqual([]);
    expect((await benchInProcess(['list', 'metrics', '-c', config])).stdout).not.toContain('local-metric');
  });

  it('refuses a package without the plugin field and uninstalls it again', async () => {
    const { root, project, config } = workspace();
    const folder = pluginPackage(root, 'not-a-plugin', 'm', null);
    const result = await benchInProcess(['plugins', 'add', folder, '-c', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: not-a-plugin is not an mmsoc-bench plugin: its package.json has no "mmsocBench": { "plugin": "<entry>" }; add the field (docs/plugins.md) or pick another package\n',
    );
    expect(dependencies(project)).toEqual({});
    expect(await readAddedPlugins(registryRecordPath(project))).toEqual([]);
  });

  it("turns npm's failure into one line naming the command", async () => {
    const { root, project, config } = workspace();
    const empty = join(root, 'empty-folder');
    mkdirSync(empty);
    const result = await benchInProcess(['plugins', 'add', empty, '-c', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^error: npm install --no-audit --no-fund ${empty} failed in ${project}: enoent Could not read package\\.json: .+\\n$`));
  });
});
