import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { isRetryableStatus } from '../scheduler/retry-policy.js';
import { formatBytes } from './byte-size.js';
import { contentCheck, type RemoteFile } from './content-check.js';

/** A failed download, and whether trying again could help. */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DownloadError';
  }
}

export interface DownloadRequest {
  readonly url: string;
  /** Absolute path of the finished file; bytes collect in `<dest>.part` until they are verified. */
  readonly dest: string;
  readonly file: RemoteFile;
  readonly fetch: typeof fetch;
  /** Bytes of the file on disk so far, resumed part included. */
  readonly onProgress: (done: number) => void;
  /** A connection that sends nothing for this long is dropped (and the attempt can be resumed). */
  readonly idleTimeoutMs: number;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/** Where the body starts: the part's end when the server honoured the Range, else byte 0. */
function bodyStart(response: Response, requested: number): number {
  if (response.status === 200) return 0;
  if (response.status === 206) {
    const start = Number(/^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1]);
    if (start !== requested) {
      throw new DownloadError(`asked for bytes from ${requested}, the server sent ${response.headers.get('content-range') ?? 'no Content-Range'}`, true);
    }
    return start;
  }
  throw new DownloadError(`HTTP ${response.status} ${response.statusText}`.trim(), isRetryableStatus(response.status));
}

async function hashExisting(path: string, bytes: number, update: (chunk: Uint8Array) => void): Promise<void> {
  if (bytes === 0) return;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 })) update(chunk as Buffer);
}

/** Appends the rest of the file to `part` (or rewrites it when the server ignores the Range). */
async function fetchRest(request: DownloadRequest, part: string, have: number, update: (chunk: Uint8Array) => void): Promise<number> {
  const { file } = request;
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(), request.idleTimeoutMs);
  let start = have;
  let written = 0;
  try {
    const response = await request.fetch(request.url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, signal: idle.signal });
    start = bodyStart(response, have);
    await hashExisting(part, start, update);
    const sink = await open(part, start > 0 ? 'a' : 'w');
    try {
      for await (const chunk of Readable.fromWeb(response.body as ReadableStream<Uint8Array>) as AsyncIterable<Uint8Array>) {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), request.idleTimeoutMs);
        update(chunk);
        await sink.write(chunk);
        written += chunk.length;
        request.onProgress(start + written);
      }
    } finally {
      await sink.close();
    }
    return start;
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    const why = idle.signal.aborted ? `no data for ${request.idleTimeoutMs} ms` : (error as Error).message;
    const detail = (error as Error).cause instanceof Error ? `: ${((error as Error).cause as Error).message}` : '';
    throw new DownloadError(`connection lost after ${formatBytes(start + written)} of ${formatBytes(file.size)} (${why}${detail})`, true, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Downloads one file so that an interruption costs only what was not yet received: bytes go to
 * `<dest>.part`, a later attempt asks for the rest with an HTTP Range, and the part becomes `dest`
 * only once its size and digest match the listing. A digest mismatch removes the part (its bytes
 * cannot be trusted) and is not worth retrying. Returns the offset this attempt started from.
 */
export async function downloadResumable(request: DownloadRequest): Promise<{ resumedFrom: number }> {
  const { file, dest } = request;
  const part = `${dest}.part`;
  await mkdir(dirname(dest), { recursive: true });
  let have = await sizeOf(part);
  if (have !== undefined && have > file.size) {
    await rm(part);
    have = undefined;
  }
  const check = contentCheck(file);
  const update = (chunk: Uint8Array) => check.update(chunk);
  // A complete part left by an interrupted verification needs no request, only the check.
  let start: number;
  if (have === file.size) {
    await hashExisting(part, have, update);
    start = have;
  } else {
    start = await fetchRest(request, part, have ?? 0, update);
  }
  const got = (await sizeOf(part)) ?? 0;
  if (got !== file.size) {
    if (got > file.size) await rm(part);
    throw new DownloadError(`received ${got} bytes, the listing says ${file.size}`, got < file.size);
  }
  const mismatch = check.mismatch();
  if (mismatch) {
    await rm(part);
    throw new DownloadError(`${mismatch}; the download was discarded`, false);
  }
  await rename(part, dest);
  return { resumedFrom: start };
}
