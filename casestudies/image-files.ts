import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sniffImageMime } from '../core/pipeline/resolve-messages.js';
import { sha256Hex } from '../core/util/hash.js';
import { replaceFile } from '../core/util/replace-file.js';

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

export interface SavedImage {
  /** Path relative to the export folder, with `/` separators (what the training files reference). */
  readonly path: string;
  readonly mime: string;
}

/**
 * The export's image folder: each image's original bytes under the sha256 of its content, written
 * once however many samples and tasks use it (Memotion's five tasks share their memes).
 */
export class ImageFiles {
  constructor(
    private readonly outDir: string,
    private readonly folder = 'images',
  ) {}

  /** Throws an Error with the reason when the bytes are not a PNG, JPEG, GIF or WebP image. */
  save(bytes: Uint8Array): SavedImage {
    const mime = sniffImageMime(bytes);
    if (!mime) throw new Error('not a PNG, JPEG, GIF or WebP image');
    const path = `${this.folder}/${sha256Hex(bytes)}.${EXTENSIONS[mime]!}`;
    const target = join(this.outDir, path);
    if (!existsSync(target)) {
      mkdirSync(join(this.outDir, this.folder), { recursive: true });
      // A file under its final name is always whole.
      replaceFile(target, bytes);
    }
    return { path, mime };
  }
}
