import { LRUCache } from 'lru-cache';
import { GIF } from 'image-size/types/gif';
import { JPG } from 'image-size/types/jpg';
import { PNG } from 'image-size/types/png';
import { WEBP } from 'image-size/types/webp';
import type { Metadata } from 'sharp';
import { sniffImageMime } from '../pipeline/resolve-messages.js';
import { sha256Hex } from '../util/hash.js';
import type { ImageBudget } from './image-budget.js';

/** An image within a model's budget. */
export class PreparedImage {
  #digest: string | undefined;

  constructor(
    readonly mime: string,
    readonly data: Uint8Array,
  ) {}

  /** sha256 (hex) of `data`: what caches key on. Hashed on first use, since only caches need it. */
  get digest(): string {
    return (this.#digest ??= sha256Hex(this.data));
  }
}

/**
 * sharp (libvips, a native library) loads on the first image that needs it (one over budget, or one
 * whose header cannot be read): most runs send their images as they are and never pay for it.
 */
const loadSharp = async () => (await import('sharp')).default;

/**
 * image-size's header readers of the formats sniffImageMime admits, by MIME type: its main entry
 * would load the readers of all its twenty formats at start-up to detect one the sniff already knows.
 */
const HEADER_READERS: Readonly<Record<string, typeof PNG>> = { 'image/png': PNG, 'image/jpeg': JPG, 'image/gif': GIF, 'image/webp': WEBP };

/** JPEG qualities tried, in order, to get under the byte budget before scaling down further. */
const QUALITIES = [85, 70, 55, 40] as const;

/** Whether the bytes end as a whole file of their format does (a cut-off download does not). */
function endsWhole(data: Uint8Array, mime: string): boolean {
  const n = data.length;
  switch (mime) {
    case 'image/png': // the IEND chunk: type, then its CRC
      return n > 12 && data[n - 8] === 0x49 && data[n - 7] === 0x45 && data[n - 6] === 0x4e && data[n - 5] === 0x44;
    case 'image/jpeg': // the end-of-image marker
      return n > 4 && data[n - 2] === 0xff && data[n - 1] === 0xd9;
    case 'image/gif': // the trailer
      return data[n - 1] === 0x3b;
    case 'image/webp': // the RIFF size covers the rest of the file
      return n > 12 && (data[4]! | (data[5]! << 8) | (data[6]! << 16) | (data[7]! << 24)) === n - 8;
    default:
      return false;
  }
}

/**
 * Width and height from the file's header (image-size reads a few bytes, synchronously) when the file
 * is whole, else from sharp (which also says why an image cannot be decoded). The header read is what
 * keeps images within budget cheap: they are never handed to sharp.
 */
async function dimensions(data: Uint8Array, mime: string): Promise<{ width: number; height: number }> {
  if (endsWhole(data, mime)) {
    try {
      const reader = HEADER_READERS[mime];
      if (reader?.validate(data)) {
        const { width, height } = reader.calculate(data);
        if (width && height) return { width, height };
      }
    } catch {
      // Not readable from the header: sharp decides.
    }
  }
  let metadata: Metadata;
  try {
    const sharp = await loadSharp();
    metadata = await sharp(data).metadata();
  } catch (error) {
    throw new Error(`cannot be decoded (${(error as Error).message})`);
  }
  return { width: metadata.width ?? 0, height: metadata.height ?? 0 };
}

async function fitToBudget(data: Uint8Array, width: number, height: number, budget: ImageBudget): Promise<Uint8Array> {
  const sharp = await loadSharp();
  let scale = Math.min(1, Math.sqrt(budget.maxPixels / (width * height)));
  for (;;) {
    const w = Math.max(1, Math.floor(width * scale));
    const h = Math.max(1, Math.floor(height * scale));
    for (const quality of QUALITIES) {
      const encoded = await sharp(data).rotate().resize(w, h).flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer();
      if (encoded.length <= budget.maxBytes || (w === 1 && h === 1)) return encoded;
    }
    scale *= 0.75;
  }
}

/**
 * Brings images within a model's budget, once their sample is admitted (just ahead of its request). Images it has to
 * re-encode are memoised by content hash in an LRU bounded in bytes, so an image used by several
 * tasks (Memotion's five) or retried is encoded once; an image already within budget is sent as it
 * is, after a look at its header, and is not hashed unless a cache asks for its digest.
 */
export class ImagePreparer {
  readonly #memo: LRUCache<string, PreparedImage>;

  constructor(maxCacheBytes = 64 * 1024 * 1024) {
    this.#memo = new LRUCache<string, PreparedImage>({ maxSize: maxCacheBytes, sizeCalculation: (image) => Math.max(1, image.data.length) });
  }

  /** Throws an Error with the reason when the bytes are not a usable image. */
  async prepare(data: Uint8Array, budget: ImageBudget): Promise<PreparedImage> {
    const mime = sniffImageMime(data);
    if (!mime) throw new Error('not a PNG, JPEG, GIF or WebP image');
    const { width, height } = await dimensions(data, mime);
    if (!width || !height) throw new Error('has no size');
    if (width * height <= budget.maxPixels && data.length <= budget.maxBytes) return new PreparedImage(mime, data);
    const key = `${sha256Hex(data)}:${budget.maxPixels}:${budget.maxBytes}`;
    const known = this.#memo.get(key);
    if (known) return known;
    let fitted: Uint8Array;
    try {
      fitted = await fitToBudget(data, width, height, budget);
    } catch (error) {
      throw new Error(`cannot be decoded (${(error as Error).message})`);
    }
    const prepared = new PreparedImage('image/jpeg', fitted);
    this.#memo.set(key, prepared);
    return prepared;
  }
}
