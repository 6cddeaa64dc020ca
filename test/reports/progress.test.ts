import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { createProgressFactory } from '../../core/pipeline/progress.js';
import type { Clock } from '../../core/services/clock.js';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = { isTTY, columns: 120, write: (chunk: string) => (chunks.push(String(chunk)), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

function fakeClock() {
  let now = 0;
  const clock: Clock = { now: () => now, sleep: async () => {} };
  return { clock, advance: (ms: number) => void (now += ms) };
}

describe('run progress', () => {
  it('on a terminal, keeps one aligned line per task x model with bar, done/total, req/s, ETA and failures', () => {
    const { clock, advance } = fakeClock();
    const out = fakeStream(true);
    const progress = createProgressFactory({ clock, env: { get: () => undefined }, stream: out.stream })();
    const llava = progress.add('hate-speech x llava');
    const ocr = progress.add('ocr x majority');
    Object.assign(llava, { total: 10, done: 5, answered: 5, failed: 1 });
    Object.assign(ocr, { total: undefined, done: 3, answered: 3, skipped: 2 });
    advance(2000);
    progress.stop();
    const lines = stripVTControlCharacters(out.text()).split('\n').filter(Boolean);
    expect(lines).toEqual([
      'hate-speech x llava  ██████████░░░░░░░░░░  5/10  2.5 req/s  ETA 2s  1 failed',
      'ocr x majority                             3/?  1.5 req/s  ETA ?  0 failed, 2 skipped',
    ]);
    // Drawn for a terminal (cursor control), unlike the plain lines below.
    expect(out.text()).not.toBe(stripVTControlCharacters(out.text()));
  });

  it('prints plain lines in pipes: at most one round per interval, a finished pair once, the rest at the end', () => {
    const { clock, advance } = fakeClock();
    const out = fakeStream(false);
    const progress = createProgressFactory({ clock, env: { get: () => undefined }, stream: out.stream, plainIntervalMs: 10_000 })();
    const llava = progress.add('hate-speech x llava');
    progress.add('ocr x majority');
    llava.total = 10;
    progress.tick();
    Object.assign(llava, { done: 5, answered: 5 });
    advance(1000);
    progress.tick();
    advance(10_000);
    progress.tick();
    Object.assign(llava, { done: 10, answered: 10, finished: true });
    advance(10_000);
    progress.tick();
    advance(10_000);
    progress.tick();
    progress.stop();
    expect(out.text()).toBe(stripVTControlCharacters(out.text()));
    expect(out.text().split('\n').filter(Boolean)).toEqual([
      'hate-speech x llava  0/10  0.0 req/s  ETA ?  0 failed',
      'ocr x majority  0/?  0.0 req/s  ETA ?  0 failed',
      'hate-speech x llava  5/10  0.5 req/s  ETA 11s  0 failed',
      'ocr x majority  0/?  0.0 req/s  ETA ?  0 failed',
      'hate-speech x llava  10/10  0.5 req/s  done  0 failed',
      'ocr x majority  0/?  0.0 req/s  ETA ?  0 failed',
      'ocr x majority  0/?  0.0 req/s  ETA ?  0 failed',
      'ocr x majority  0/?  0.0 req/s  ETA ?  0 failed',
    ]);
  });

  it('prints plain lines on a terminal when CI is set', () => {
    const { clock } = fakeClock();
    const out = fakeStream(true);
    const progress = createProgressFactory({ clock, env: { get: (name) => (name === 'CI' ? 'true' : undefined) }, stream: out.stream })();
    Object.assign(progress.add('hate-speech x llava'), { total: 4, done: 4, finished: true });
    progress.stop();
    expect(out.text()).toBe('hate-speech x llava  4/4  0.0 req/s  done  0 failed\n');
  });
});
