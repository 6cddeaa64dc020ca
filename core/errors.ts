/**
 * Errors the CLI turns into one line and an exit code, without a stack trace (`--debug` shows it).
 * Exit codes are part of the user-facing contract (docs/architecture.md).
 */
export const EXIT = {
  done: 0,
  someFailed: 1,
  usage: 2,
  resumableStop: 3,
  interrupted: 130,
} as const;

export class BenchError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BenchError';
  }
}

/** Bad config, unknown id, bad flag: the user must change something before trying again. */
export class UsageError extends BenchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.usage, options);
    this.name = 'UsageError';
  }
}

/**
 * A dataset that cannot be read (its file, or most of its rows): exit 2 like a config error, since
 * the data must be fixed and a rerun as it is would fail the same way. It stops only its own pair.
 */
export class DataError extends BenchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.usage, options);
    this.name = 'DataError';
  }
}
