import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJsonlSource } from '../../core/data/jsonl-source.js';
import { tempDir } from '../fixtures/datasets.js';
import { openFileCount } from './open-files.js';
import { collect } from '../fixtures/collect.js';

const dirs: string[] = [];
function dataset(files: Record<string, string>): string {
  const dir = tempDir('jsonl');
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));


describe('jsonl source', () => {
  test('yields one row per line; a broken line becomes an __error row and reading goes on', async () => {
    const root = dataset({
      'validation.jsonl': ['\uFEFF{"id":1,"text":"a"}', '{"id":2,"text":', '', '[1,2]', '{"id":3,"text":"c, \\"q\\""}\r', '   ', '{"id":4}'].join('\n'),
    });
    const rows = await collect(createJsonlSource(root).rows('validation'));
    expect(rows).toEqual([
      { id: 1, text: 'a' },
      { __error: expect.stringMatching(/^line 2: .+/), __line: 2 },
      { __error: 'line 4: not a JSON object', __line: 4 },
      { id: 3, text: 'c, "q"' },
      { id: 4 },
    ]);
  });

  test('an unknown split names the folder and the splits it has', async () => {
    const root = dataset({ 'train.jsonl': '{}\n', 'validation.jsonl': '{}\n', 'notes.txt': '' });
    await expect(collect(createJsonlSource(root).rows('test'))).rejects.toThrow(`split 'test' not found in ${root} (splits found: train, validation)`);
  });

  test('streams: stopping early leaves no file open', async () => {
    const root = dataset({ 'train.jsonl': Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ id: i })).join('\n') });
    const before = openFileCount();
    for await (const row of createJsonlSource(root).rows('train')) {
      expect(row).toEqual({ id: 0 });
      break;
    }
    expect(openFileCount()).toBe(before);
  });

  test('readFile reads an image referenced by a row and refuses paths that leave the folder', async () => {
    const root = dataset({ 'train.jsonl': '{"image":"img/1.png"}\n' });
    mkdirSync(join(root, 'img'));
    writeFileSync(join(root, 'img', '1.png'), Uint8Array.of(137, 80, 78, 71));
    const source = createJsonlSource(root);
    const [row] = await collect(source.rows('train'));
    expect([...(await source.readFile(row!.image as string))]).toEqual([137, 80, 78, 71]);
    await expect(source.readFile('../../etc/passwd')).rejects.toThrow(`path '../../etc/passwd' is outside the dataset folder ${root}`);
    await expect(source.readFile('img/../../x')).rejects.toThrow('outside the dataset folder');
  });
});
