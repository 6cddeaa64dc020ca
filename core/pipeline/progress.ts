import type { Clock } from '../services/clock.js';
import type { Env } from '../services/env.js';

/** Counters of one task x model pair, updated by the pipeline. */
export interface PairProgress {
  readonly label: string;
  total: number | undefined;
  /** Samples with a record, including those finished by earlier sessions. */
  done: number;
  failed: number;
  skipped: number;
  /** Requests answered in this session (the rate and ETA come from these). */
  answered: number;
  finished: boolean;
}

export interface Progress {
  add(label: string): PairProgress;
  /** Redraws (TTY) or prints a line (plain) if it is time to. */
  tick(): void;
  /** Final lines; stops the timer. */
  stop(): void;
}

export type ProgressFactory = () => Progress;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function describePair(pair: PairProgress, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? pair.answered / elapsedSeconds : 0;
  const total = pair.total === undefined ? '?' : String(pair.total);
  const remaining = pair.total === undefined ? NaN : Math.max(0, pair.total - pair.done);
  const eta = pair.finished ? 'done' : rate > 0 ? `ETA ${formatDuration(remaining / rate)}` : 'ETA ?';
  const problems = [pair.failed ? `${pair.failed} failed` : '', pair.skipped ? `${pair.skipped} skipped` : ''].filter(Boolean);
  return `${pair.label}  ${pair.done}/${total}  ${rate.toFixed(1)} req/s  ${eta}${problems.length ? `  ${problems.join(', ')}` : ''}`;
}

/**
 * Progress on stderr: on a terminal, one line per pair redrawn in place; otherwise (pipes, CI) plain
 * lines every `plainIntervalMs`, and one when a pair finishes.
 */
export function createProgressFactory(options: {
  clock: Clock;
  env: Env;
  stream: NodeJS.WriteStream;
  plainIntervalMs?: number;
}): ProgressFactory {
  return () => {
    const { clock, stream } = options;
    const tty = Boolean(stream.isTTY) && !options.env.get('CI');
    const interval = tty ? 250 : options.plainIntervalMs ?? 10_000;
    const pairs: PairProgress[] = [];
    const startedAt = clock.now();
    let lastDraw = 0;
    let drawnLines = 0;
    const reported = new Set<PairProgress>();
    const elapsed = () => (clock.now() - startedAt) / 1000;

    const draw = (force: boolean) => {
      const now = clock.now();
      if (!force && now - lastDraw < interval) return;
      lastDraw = now;
      if (tty) {
        const lines = pairs.map((p) => describePair(p, elapsed()));
        stream.write((drawnLines ? `\x1b[${drawnLines}A` : '') + lines.map((l) => `\x1b[2K${l}\n`).join(''));
        drawnLines = lines.length;
        return;
      }
      for (const pair of pairs) {
        if (reported.has(pair)) continue;
        if (pair.finished) reported.add(pair);
        stream.write(describePair(pair, elapsed()) + '\n');
      }
    };
    const timer = setInterval(() => draw(false), interval);
    timer.unref();
    return {
      add(label) {
        const pair: PairProgress = { label, total: undefined, done: 0, failed: 0, skipped: 0, answered: 0, finished: false };
        pairs.push(pair);
        return pair;
      },
      tick: () => draw(false),
      stop() {
        clearInterval(timer);
        draw(true);
      },
    };
  };
}
