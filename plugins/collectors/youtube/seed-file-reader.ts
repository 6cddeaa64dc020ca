import { open } from 'node:fs/promises';
import type { FileSeed } from './seed-state.js';
import { videoIdsInText } from './video-url.js';

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads whole lines of a seed file from the seed's byte offset, handing each line's video ids to `take`,
 * until `enough()` or the end of the file. Advances the seed's offset past the lines it read (the caller saves
 * it together with the queued ids), so a huge file is never held in memory nor read twice.
 */
export async function readFileSeed(seed: FileSeed, take: (ids: string[]) => void, enough: () => boolean): Promise<void> {
  const handle = await open(seed.path, 'r');
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let readAt = seed.offset;
    while (!enough()) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, readAt);
      readAt += bytesRead;
      if (bytesRead === 0) {
        if (carry.length > 0) consumeLine(seed, carry, carry.length, take);
        seed.done = true;
        return;
      }
      let buffer = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let newline: number;
      while (!enough() && (newline = buffer.indexOf(0x0a)) >= 0) {
        consumeLine(seed, buffer.subarray(0, newline), newline + 1, take);
        buffer = buffer.subarray(newline + 1);
      }
      carry = Buffer.from(buffer);
    }
  } finally {
    await handle.close();
  }
}

function consumeLine(seed: FileSeed, line: Buffer, bytes: number, take: (ids: string[]) => void): void {
  seed.offset += bytes;
  const text = line.toString('utf8');
  const ids = videoIdsInText(text);
  if (ids.length > 0) take(ids);
  else if (text.trim() && !text.trimStart().startsWith('#')) seed.unparsedLines += 1;
}
