import type { Logger } from '../contracts/context.js';
import type { Redactor } from '../util/redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes redacted lines to `write` (the container's stderr, so stdout keeps the results). */
export function createLogger(options: { level: LogLevel; redactor: Redactor; write: (line: string) => void }): Logger {
  const { write } = options;
  const log = (level: LogLevel) => (message: string) => {
    if (ORDER[level] < ORDER[options.level]) return;
    const prefix = level === 'info' ? '' : `${level}: `;
    write(options.redactor.redact(prefix + message));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
