import type { FileHandle } from 'node:fs/promises';
import type { AsyncBuffer } from 'hyparquet';

/**
 * hyparquet's view of a local file: each `slice` is one positioned read of just those bytes, so a
 * reader that asks for one row group holds one row group, never the file.
 */
export function fileAsyncBuffer(handle: FileHandle, byteLength: number): AsyncBuffer {
  return {
    byteLength,
    async slice(start: number, end = byteLength): Promise<ArrayBuffer> {
      const length = Math.max(0, Math.min(end, byteLength) - start);
      // Its own ArrayBuffer, never a view into a pooled one: hyparquet may keep and reinterpret it.
      const buffer = new ArrayBuffer(length);
      const view = new Uint8Array(buffer);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(view, filled, length - filled, start + filled);
        if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${start + filled} of ${byteLength}`);
        filled += bytesRead;
      }
      return buffer;
    },
  };
}
