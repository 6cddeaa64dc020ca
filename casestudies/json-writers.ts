import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A file written as its items come, under `<path>.partial`, and moved to `path` only when complete:
 * an interrupted export never leaves a truncated file that looks finished. Every line passes the
 * redactor, so no secret reaches the data.
 */
class PartialFile {
  readonly #fd: number;
  readonly #partial: string;

  constructor(
    readonly path: string,
    private readonly redact: (text: string) => string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.#partial = `${path}.partial`;
    this.#fd = openSync(this.#partial, 'w');
  }

  write(text: string): void {
    writeSync(this.#fd, this.redact(text));
  }

  finish(): void {
    closeSync(this.#fd);
    renameSync(this.#partial, this.path);
  }
}

export interface ItemWriter {
  write(item: unknown): void;
  finish(): void;
}

/** JSON Lines: one item per line. */
export function jsonLinesWriter(path: string, redact: (text: string) => string): ItemWriter {
  const file = new PartialFile(path, redact);
  return {
    write: (item) => file.write(JSON.stringify(item) + '\n'),
    finish: () => file.finish(),
  };
}

/** A JSON array streamed one item per line: `[`, the items separated by commas, `]`. */
export function jsonArrayWriter(path: string, redact: (text: string) => string): ItemWriter {
  const file = new PartialFile(path, redact);
  let count = 0;
  return {
    write(item) {
      file.write(`${count++ === 0 ? '[\n' : ',\n'}${JSON.stringify(item)}`);
    },
    finish() {
      file.write(count === 0 ? '[]\n' : '\n]\n');
      file.finish();
    },
  };
}
