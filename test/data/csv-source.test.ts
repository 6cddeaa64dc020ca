import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { openDatasetSource } from '../../core/data/open-source.js';
import { tempDir } from '../fixtures/datasets.js';
import { collect } from '../fixtures/collect.js';


describe('CSV source', () => {
  test('reads quoted fields with commas and new lines, and is detected from the folder', async () => {
    const dir = tempDir('csv');
    mkdirSync(join(dir, 'tables'));
    writeFileSync(join(dir, 'tables', 'test.csv'), '\uFEFFid,image,text,label\n1,img/1.png,"hello, world",0\n2,img/2.png,"two\nlines ""quoted""",1\n');
    const source = openDatasetSource({ path: 'tables' }, dir);
    expect(await collect(source.rows('test'))).toEqual([
      { id: '1', image: 'img/1.png', text: 'hello, world', label: '0' },
      { id: '2', image: 'img/2.png', text: 'two\nlines "quoted"', label: '1' },
    ]);
    expect(await source.count!('test')).toBe(2);
    await expect(collect(source.rows('train'))).rejects.toThrow("split 'train' not found");
  });

  test('turns an unreadable record into an error row and reads on', async () => {
    const dir = tempDir('csv');
    writeFileSync(join(dir, 'test.csv'), 'id,label\n1,0\n2,1,extra\n3,1\n');
    const rows = await collect(openDatasetSource({ path: '.', format: 'csv' }, dir).rows('test'));
    expect(rows.map((r) => r.id ?? r.__error)).toEqual(['1', expect.stringMatching(/^line 3: /), '3']);
  });
});
