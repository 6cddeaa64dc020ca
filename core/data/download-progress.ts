import { formatBytes } from './byte-size.js';

/** Where progress goes: stderr, or a test's buffer. */
export interface ProgressOutput {
  write(text: string): void;
  readonly isTTY: boolean;
}

export interface FileProgress {
  update(done: number): void;
  /** A whole line about the file (`done`, `retrying`, ...); progress goes on below it. */
  note(text: string): void;
}

const REDRAW_MS = 100;
const STEP_PERCENT = 10;

/**
 * Bytes done / total for one file. A terminal gets one line redrawn in place at most every 100 ms;
 * anything else (a log, CI) gets a plain line at each 10% step, so logs stay short and readable.
 */
export function fileProgress(output: ProgressOutput, label: string, total: number, now: () => number = Date.now): FileProgress {
  const status = (done: number) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    return `${label}: ${formatBytes(done)} / ${formatBytes(total)} (${percent}%)`;
  };
  if (output.isTTY) {
    let drawnAt = -Infinity;
    return {
      update(done) {
        if (now() - drawnAt < REDRAW_MS) return;
        drawnAt = now();
        output.write(`\r\x1b[2K${status(done)}`);
      },
      note(text) {
        output.write(`\r\x1b[2K${label}: ${text}\n`);
      },
    };
  }
  let lastStep = -1;
  return {
    update(done) {
      const step = total > 0 ? Math.floor((done / total) * (100 / STEP_PERCENT)) : 0;
      if (step <= lastStep) return;
      lastStep = step;
      output.write(`${status(done)}\n`);
    },
    note(text) {
      output.write(`${label}: ${text}\n`);
    },
  };
}
