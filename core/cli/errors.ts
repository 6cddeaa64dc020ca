import { BenchError } from '../errors.js';
import type { Redactor } from '../util/redact.js';

/**
 * The one place errors become output: a single line on stderr (the stack only with --debug), and an
 * exit code. Unexpected errors exit 1 and say how to see more.
 */
export function reportError(error: unknown, options: { debug: boolean; redactor: Redactor; write?: (line: string) => void }): number {
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  // One line, whatever the message holds (multi-line library messages, keys with line breaks).
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (options.debug && error instanceof Error && error.stack) write(options.redactor.redact(error.stack));
  if (error instanceof BenchError) {
    write(options.redactor.redact(`error: ${text}`));
    return error.exitCode;
  }
  write(options.redactor.redact(`error: ${text}${options.debug ? '' : ' (run with --debug for details)'}`));
  return 1;
}
