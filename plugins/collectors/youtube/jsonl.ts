import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** One parsed line with its byte position, so a later pass can re-read just that line. */
export interface JsonlLine<T> {
  readonly value: T;
  readonly offset: number;
  readonly length: number;
}

/**
 * Appends JSON lines; each `append` is one write, so a crash leaves whole batches or a torn last line, which
 * `openJsonlAppender` cuts off before writing more.
 */
export class JsonlAppender {
  #pending: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    /** Bytes in the file: this process is its only writer, so offsets of new lines are known without a stat. */
    private size: number,
  ) {}

  static async open(file: string): Promise<JsonlAppender> {
    await mkdir(path.dirname(file), { recursive: true });
    const handle = await open(file, 'a+');
    return new JsonlAppender(handle, await cutTornTail(handle));
  }

  /** Writes the rows as one append and returns where each line landed. */
  append(rows: readonly unknown[]): Promise<{ offset: number; length: number }[]> {
    const lines = rows.map((row) => Buffer.from(JSON.stringify(row) + '\n', 'utf8'));
    const positions = lines.map((line) => {
      const position = { offset: this.size, length: line.length - 1 };
      this.size += line.length;
      return position;
    });
    if (lines.length === 0) return Promise.resolve(positions);
    const write = this.#pending.then(() => this.handle.appendFile(Buffer.concat(lines)));
    this.#pending = write.catch(() => undefined);
    return write.then(() => positions);
  }

  async close(): Promise<void> {
    await this.#pending;
    await this.handle.close();
  }
}

/** Cuts a line a crash left half-written; returns the file's size after the cut. */
async function cutTornTail(handle: FileHandle): Promise<number> {
  const { size } = await handle.stat();
  if (size === 0) return 0;
  const chunk = Buffer.alloc(Math.min(size, 1 << 16));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline >= 0) {
      if (start + newline + 1 < size) await handle.truncate(start + newline + 1);
      return start + newline + 1;
    }
    end = start;
  }
  await handle.truncate(0);
  return 0;
}

/** Streams the lines of a JSONL file (missing file: none). A torn or corrupt line is skipped. */
export async function* readJsonl<T>(file: string): AsyncGenerator<JsonlLine<T>> {
  let offset = 0;
  let carry: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of createReadStream(file)) {
      let buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      let newline: number;
      while ((newline = buffer.indexOf(0x0a)) >= 0) {
        const line = buffer.subarray(0, newline);
        const parsed = parseLine<T>(line);
        if (parsed !== undefined) yield { value: parsed, offset, length: newline };
        offset += newline + 1;
        buffer = buffer.subarray(newline + 1);
      }
      carry = Buffer.from(buffer);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
}

/** Re-reads one line found by `readJsonl`. */
export async function readJsonlLine<T>(handle: FileHandle, line: { offset: number; length: number }): Promise<T> {
  const buffer = Buffer.alloc(line.length);
  await handle.read(buffer, 0, line.length, line.offset);
  return JSON.parse(buffer.toString('utf8')) as T;
}

function parseLine<T>(line: Buffer): T | undefined {
  if (line.length === 0) return undefined;
  try {
    return JSON.parse(line.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

const REWRITE_CHUNK = 1_000;

/**
 * Rewrites a JSONL file with only the lines `keep` accepts, through a temp file and a rename, so a crash
 * leaves either the old file or the new one. The caller closes its appender first and reopens it after.
 */
export async function rewriteJsonl<T>(file: string, keep: (value: T, offset: number) => boolean): Promise<void> {
  const temp = rewriteTempOf(file);
  const out = await JsonlAppender.open(temp);
  try {
    let chunk: T[] = [];
    for await (const { value, offset } of readJsonl<T>(file)) {
      if (!keep(value, offset)) continue;
      chunk.push(value);
      if (chunk.length >= REWRITE_CHUNK) {
        await out.append(chunk);
        chunk = [];
      }
    }
    await out.append(chunk);
  } finally {
    await out.close();
  }
  await rename(temp, file);
}

/** Removes what an interrupted `rewriteJsonl` left behind; the original file is intact. */
export function removeRewriteLeftovers(file: string): Promise<void> {
  return rm(rewriteTempOf(file), { force: true });
}

function rewriteTempOf(file: string): string {
  return `${file}.rewrite.tmp`;
}
