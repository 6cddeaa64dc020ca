import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../core/errors.js';
import { discoverPlugins } from '../../core/registry/discover.js';
import { forgetAddedPlugin, readAddedPlugins, recordAddedPlugin, registryRecordPath, saveRegistryRecord, type RegistryRecord } from '../../core/registry/record.js';
import { tempDir } from '../fixtures/datasets.js';

const NOW = new Date('2026-01-02T03:04:05Z');

describe('registry record', () => {
  it('keeps the added list when discovery rewrites it, and marks those packages as added', async () => {
    const dir = tempDir('record');
    const path = registryRecordPath(dir);
    await recordAddedPlugin(path, { spec: '../mmsoc-bench.tgz', name: 'mmsoc-bench', addedAt: NOW.toISOString() });
    const registry = await discoverPlugins({ configPlugins: [], configDir: dir, projectDir: dir });
    await saveRegistryRecord(path, registry, NOW);
    const record = JSON.parse(readFileSync(path, 'utf8')) as RegistryRecord;
    expect(record.added).toEqual([{ spec: '../mmsoc-bench.tgz', name: 'mmsoc-bench', addedAt: NOW.toISOString() }]);
    // Only installed packages count as added; the built-ins keep their source even under the same name.
    expect(record.plugins.map((p) => [p.name, p.source])).toEqual([['mmsoc-bench', 'builtin']]);
    expect(record.updatedAt).toBe(NOW.toISOString());
  });

  it('replaces an entry added again and forgets a removed one', async () => {
    const path = registryRecordPath(tempDir('record'));
    await recordAddedPlugin(path, { spec: 'p@1', name: 'p', addedAt: 'a' });
    await recordAddedPlugin(path, { spec: 'q', name: 'q', addedAt: 'b' });
    await recordAddedPlugin(path, { spec: 'p@2', name: 'p', addedAt: 'c' });
    expect((await readAddedPlugins(path)).map((e) => e.spec)).toEqual(['q', 'p@2']);
    await forgetAddedPlugin(path, 'q');
    expect((await readAddedPlugins(path)).map((e) => e.spec)).toEqual(['p@2']);
  });

  it('reads a record written before the added list existed', async () => {
    const dir = tempDir('record');
    const path = registryRecordPath(dir);
    await saveRegistryRecord(path, await discoverPlugins({ configPlugins: [], configDir: dir, projectDir: dir }), NOW);
    const old = JSON.parse(readFileSync(path, 'utf8')) as Partial<RegistryRecord>;
    delete old.added;
    writeFileSync(path, JSON.stringify(old));
    expect(await readAddedPlugins(path)).toEqual([]);
  });

  it('names the file and the fix when the record is not JSON', async () => {
    const dir = tempDir('record');
    const path = registryRecordPath(dir);
    await recordAddedPlugin(path, { spec: 'p', name: 'p', addedAt: 'a' });
    writeFileSync(path, '{ torn');
    const reading = readAddedPlugins(path);
    await expect(reading).rejects.toBeInstanceOf(UsageError);
    await expect(reading).rejects.toThrow(`${join(dir, '.bench', 'registry.json')}: cannot read the registry record`);
  });
});
