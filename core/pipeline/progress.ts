import cliProgress from 'cli-progress';
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
  /** The model's endpoints that are down and why (`gpu-1:8000: connection refused, retrying`), if any. */
  endpoints?: () => string | undefined;
  /** Set with `finished` when Ctrl-C ended the pair before its last sample: it is not shown as done. */
  interrupted?: boolean;
}

export interface Progress {
  add(label: string): PairProgress;
  /** Redraws (TTY) or prints a line (plain) if it is time to. */
  tick(): void;
  /** Final lines; stops the timer. */
  stop(): void;
}

export type ProgressFactory = () => Progress;

const BAR_WIDTH = 20;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * `120/500  8.3 req/s  ETA 45s  0 failed`: where a pair stands, without its label. The error count says
 * "failed" (samples that failed after retries), so logs grepped for "error" show real errors only.
 */
function pairStatus(pair: PairProgress, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? pair.answered / elapsedSeconds : 0;
  const total = pair.total === undefined ? '?' : String(pair.total);
  const remaining = pair.total === undefined ? NaN : Math.max(0, pair.total - pair.done);
  // A pair that ended short of its total (stopped on an error, interrupted) must not read as done.
  const eta = pair.interrupted
    ? 'interrupted'
    : pair.finished
      ? remaining > 0
        ? 'stopped'
        : 'done'
      : rate > 0
        ? `ETA ${formatDuration(remaining / rate)}`
        : 'ETA ?';
  const skipped = pair.skipped ? `, ${pair.skipped} skipped` : '';
  const down = pair.finished ? undefined : pair.endpoints?.();
  return `${pair.done}/${total}  ${rate.toFixed(1)} req/s  ${eta}  ${pair.failed} failed${skipped}${down ? `  ${down}` : ''}`;
}

function describePair(pair: PairProgress, elapsedSeconds: number): string {
  return `${pair.label}  ${pairStatus(pair, elapsedSeconds)}`;
}

function bar(pair: PairProgress): string {
  if (pair.total === undefined || pair.total === 0) return ' '.repeat(BAR_WIDTH);
  const filled = Math.round(Math.min(1, pair.done / pair.total) * BAR_WIDTH);
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

function newPair(label: string): PairProgress {
  return { label, total: undefined, done: 0, failed: 0, skipped: 0, answered: 0, finished: false };
}

/**
 * On a terminal: cli-progress keeps one line per pair (labels aligned, a bar, the status) and redraws
 * them in place on its own timer, so `tick` has nothing to do. Lines are cut at the terminal width
 * rather than wrapped, which would break the redraw.
 */
function terminalProgress(stream: NodeJS.WritableStream, elapsed: () => number): Progress {
  const pairs: PairProgress[] = [];
  const bars = new cliProgress.MultiBar({
    stream,
    fps: 4,
    linewrap: true,
    format: (_options, _params, payload: { pair: PairProgress }) => {
      const { pair } = payload;
      const width = Math.max(...pairs.map((p) => p.label.length));
      return `${pair.label.padEnd(width)}  ${bar(pair)}  ${pairStatus(pair, elapsed())}`;
    },
  });
  return {
    add(label) {
      const pair = newPair(label);
      pairs.push(pair);
      bars.create(1, 0, { pair });
      return pair;
    },
    tick: () => {},
    stop() {
      if (pairs.length) bars.stop();
    },
  };
}

/** How often plain progress looks for endpoints going down or coming back, to say so at once. */
const ENDPOINT_CHECK_MS = 1_000;

/**
 * Pipes and CI logs: a plain line per unfinished pair every `intervalMs`, one when a pair finishes, and
 * one within a second when its endpoints go down or come back.
 * (cli-progress's own non-terminal mode reprints every bar, finished ones too, at each interval.)
 */
function plainProgress(stream: NodeJS.WritableStream, clock: Clock, elapsed: () => number, intervalMs: number): Progress {
  const pairs: PairProgress[] = [];
  const reported = new Set<PairProgress>();
  let lastPrint = -Infinity;
  let lastEndpoints = '';
  const endpointStates = () => pairs.map((pair) => (pair.finished ? '' : (pair.endpoints?.() ?? ''))).join('\n');
  const print = (force: boolean) => {
    const states = endpointStates();
    if (!force && clock.now() - lastPrint < intervalMs && states === lastEndpoints) return;
    lastPrint = clock.now();
    lastEndpoints = states;
    for (const pair of pairs) {
      if (reported.has(pair)) continue;
      if (pair.finished) reported.add(pair);
      stream.write(describePair(pair, elapsed()) + '\n');
    }
  };
  const timer = setInterval(() => print(false), Math.min(intervalMs, ENDPOINT_CHECK_MS));
  timer.unref();
  return {
    add(label) {
      const pair = newPair(label);
      pairs.push(pair);
      return pair;
    },
    tick: () => print(false),
    stop() {
      clearInterval(timer);
      print(true);
    },
  };
}

/** Progress on stderr: redrawn lines on a terminal; plain periodic lines in pipes or when CI is set. */
export function createProgressFactory(options: {
  clock: Clock;
  env: Env;
  stream: NodeJS.WritableStream & { readonly isTTY?: boolean };
  plainIntervalMs?: number;
}): ProgressFactory {
  return () => {
    const { clock, stream } = options;
    const startedAt = clock.now();
    const elapsed = () => (clock.now() - startedAt) / 1000;
    const terminal = Boolean(stream.isTTY) && !options.env.get('CI');
    return terminal ? terminalProgress(stream, elapsed) : plainProgress(stream, clock, elapsed, options.plainIntervalMs ?? 10_000);
  };
}
