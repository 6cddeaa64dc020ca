import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PLUGIN_API_VERSION } from '../../core/contracts/plugin.js';
import { ownVersion } from '../../core/registry/locate.js';
import { defaultFolder, idPrefix, invalidPackageName } from '../../core/registry/scaffold/plugin-name.js';
import { benchInProcess } from '../fixtures/cli.js';
import { tempDir } from '../fixtures/datasets.js';

const FILES = [
  '.gitignore',
  'README.md',
  'data/sample/img/1.png',
  'data/sample/img/2.png',
  'data/sample/test.jsonl',
  'package.json',
  'src/index.ts',
  'src/metric.ts',
  'src/model.ts',
  'src/task.ts',
  'test/metric.test.ts',
  'test/model.test.ts',
  'test/task.test.ts',
  'tsconfig.json',
];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('bench plugins init', () => {
  it('writes a package named as asked, its ids prefixed with the short name', async () => {
    const dir = join(tempDir('init'), 'acme-plugin');
    const result = await benchInProcess(['plugins', 'init', '@acme/mmsoc-bench-plugin-memes', '--dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^created @acme\/mmsoc-bench-plugin-memes in .*acme-plugin: task memes\/sarcasm, model memes\/keyword, metric memes\/label-coverage$/);
    expect(FILES.filter((file) => !existsSync(join(dir, file)))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, any>;
    expect(pkg).toMatchObject({
      name: '@acme/mmsoc-bench-plugin-memes',
      type: 'module',
      mmsocBench: { plugin: './src/index.ts' },
      peerDependencies: { 'mmsoc-bench': `^${ownVersion()}` },
    });
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@types/node', 'tsx', 'typescript']);
    expect(readFileSync(join(dir, 'src/index.ts'), 'utf8')).toContain(`apiVersion: ${PLUGIN_API_VERSION},\n  name: '@acme/mmsoc-bench-plugin-memes',`);
    expect([...readFileSync(join(dir, 'data/sample/img/1.png')).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const rows = readFileSync(join(dir, 'data/sample/test.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { image: string });
    expect(rows.filter((row) => !existsSync(join(dir, 'data/sample', row.image)))).toEqual([]);
  });

  it('--kind collector writes a collector plugin: its source, its test and a README, no sample data', async () => {
    const dir = join(tempDir('init'), 'feeds');
    const result = await benchInProcess(['plugins', 'init', 'mmsoc-bench-plugin-feeds', '--kind', 'collector', '--dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^created mmsoc-bench-plugin-feeds in .*feeds: collector feeds\/posts$/);
    expect(readdirSync(dir, { recursive: true }).map(String).filter((path) => !statSync(join(dir, path)).isDirectory()).sort()).toEqual([
      '.gitignore',
      'README.md',
      'package.json',
      join('src', 'collector.ts'),
      join('src', 'index.ts'),
      join('test', 'collector.test.ts'),
      'tsconfig.json',
    ]);
    expect(readFileSync(join(dir, 'src/index.ts'), 'utf8')).toContain('collectors: [postsCollector],');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ description: 'mmsoc-bench plugin: collector feeds/posts' });
  });

  it('names the default folder and the id prefix after the package, without scope or mmsoc prefix', () => {
    expect(defaultFolder('@acme/plugin-x')).toBe('plugin-x');
    expect(idPrefix('@acme/plugin-x')).toBe('plugin-x');
    expect(idPrefix('mmsoc-plugin-memes')).toBe('memes');
    expect(invalidPackageName('@acme/plugin-x')).toBeUndefined();
    expect(invalidPackageName('UPPER')).toMatch(/not a valid npm package name/);
    expect(invalidPackageName('x'.repeat(215))).toBe('is longer than 214 characters');
  });

  it('refuses a name npm would refuse, suggesting one', async () => {
    const result = await benchInProcess(['plugins', 'init', 'My Plugin', '--dir', join(tempDir('init'), 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: plugin name 'My Plugin' is not a valid npm package name (lowercase letters, digits, - . _ ~, optionally @scope/); try mmsoc-bench-plugin-my-plugin\n",
    );
  });

  it('never writes into a folder that has files', async () => {
    const dir = join(tempDir('init'), 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const result = await benchInProcess(['plugins', 'init', 'mmsoc-bench-plugin-x', '--dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: ${dir} already exists and is not empty; pass another folder with --dir\n`);
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
  });
});
