import { describe, expect, test } from '@jest/globals';
import { fileProgress } from '../../core/data/download-progress.js';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { output: { isTTY, write: (text: string) => void written.push(text) }, written };
}

describe('fileProgress', () => {
  test('without a terminal: a plain line where it starts, then one per 10% step, then the note', () => {
    const { output, written } = recorder(false);
    const progress = fileProgress(output, 'data/a.parquet', 2_000_000);
    for (let done = 100_000; done <= 2_000_000; done += 100_000) progress.update(done);
    progress.note('done, 2.0 MB');
    expect(written.join('')).toBe(
      [
        'data/a.parquet: 100.0 kB / 2.0 MB (5%)',
        'data/a.parquet: 200.0 kB / 2.0 MB (10%)',
        'data/a.parquet: 400.0 kB / 2.0 MB (20%)',
        'data/a.parquet: 600.0 kB / 2.0 MB (30%)',
        'data/a.parquet: 800.0 kB / 2.0 MB (40%)',
        'data/a.parquet: 1.0 MB / 2.0 MB (50%)',
        'data/a.parquet: 1.2 MB / 2.0 MB (60%)',
        'data/a.parquet: 1.4 MB / 2.0 MB (70%)',
        'data/a.parquet: 1.6 MB / 2.0 MB (80%)',
        'data/a.parquet: 1.8 MB / 2.0 MB (90%)',
        'data/a.parquet: 2.0 MB / 2.0 MB (100%)',
        'data/a.parquet: done, 2.0 MB',
        '',
      ].join('\n'),
    );
  });

  test('on a terminal: one line redrawn in place, at most every 100 ms, closed by the note', () => {
    const { output, written } = recorder(true);
    let now = 0;
    const progress = fileProgress(output, 'README.md', 1000, () => now);
    progress.update(10);
    now = 50;
    progress.update(500);
    now = 150;
    progress.update(999);
    progress.note('done, 1.0 kB');
    expect(written).toEqual([
      '\r\x1b[2KREADME.md: 10 B / 1.0 kB (1%)',
      '\r\x1b[2KREADME.md: 999 B / 1.0 kB (99%)',
      '\r\x1b[2KREADME.md: done, 1.0 kB\n',
    ]);
  });
});
