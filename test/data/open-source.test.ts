import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatasetSource } from '../../core/data/open-source.js';
import { tempDir } from '../fixtures/datasets.js';
import { makeRows, writeParquet } from './parquet-fixture.js';

const dirs: string[] = [];
function folder(): string {
  const dir = tempDir('open');
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function first(source: ReturnType<typeof openDatasetSource>, split: string) {
  for await (const row of source.rows(split)) return row;
  return undefined;
}

describe('openDatasetSource', () => {
  test('finds the Hub parquet layout, relative to the base folder', async () => {
    const base = folder();
    mkdirSync(join(base, 'hm', 'data'), { recursive: true });
    writeParquet(join(base, 'hm', 'data', 'validation-00000-of-00001.parquet'), makeRows(3), { rowGroupSize: 2 });
    const source = openDatasetSource({ path: 'hm' }, base);
    expect(source.root).toBe(join(base, 'hm'));
    expect(await first(source, 'validation')).toMatchObject({ id: 'm-0' });
  });

  test('finds a JSONL folder, and spec.format overrides what the folder shows', async () => {
    const base = folder();
    writeFileSync(join(base, 'train.jsonl'), '{"id":"j"}\n');
    mkdirSync(join(base, 'data'));
    writeParquet(join(base, 'data', 'train-00000-of-00001.parquet'), makeRows(1), { rowGroupSize: 1 });
    expect(await first(openDatasetSource({ path: '.' }, base), 'train')).toMatchObject({ id: 'm-0' });
    expect(await first(openDatasetSource({ path: '.', format: 'jsonl' }, base), 'train')).toEqual({ id: 'j' });
  });

  test('says so when the folder is missing, is a file or holds nothing known', () => {
    const base = folder();
    writeFileSync(join(base, 'file.txt'), '');
    mkdirSync(join(base, 'empty'));
    expect(() => openDatasetSource({ path: 'nope', hub: 'Ahren09/MMSoc_HatefulMemes' }, base)).toThrow(
      `dataset folder ${join(base, 'nope')} does not exist (bench data pull Ahren09/MMSoc_HatefulMemes --out ${join(base, 'nope')} fetches it)`,
    );
    expect(() => openDatasetSource({ path: 'file.txt' }, base)).toThrow(`dataset path ${join(base, 'file.txt')} is not a folder`);
    expect(() => openDatasetSource({ path: 'empty' }, base)).toThrow(`no dataset files in ${join(base, 'empty')}: expected`);
    expect(() => openDatasetSource({}, base)).toThrow('no local folder');
  });
});
