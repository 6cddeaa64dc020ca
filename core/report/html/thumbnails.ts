import sharp from 'sharp';

/**
 * What the page spends on images: at most `count` thumbnails and `bytes` of data-URL text, so a
 * 20,000-sample report stays a few MB. Samples with a wrong, invalid or failed answer get theirs
 * first (see `thumbnailOrder`); the others show a placeholder.
 */
export const THUMBNAIL_BUDGET = { count: 400, bytes: 2 * 1024 * 1024, size: 96, quality: 50 } as const;

/** A small JPEG of an image as a data URL (longest side `size` px). */
export async function thumbnail(image: Uint8Array, budget: { size: number; quality: number } = THUMBNAIL_BUDGET): Promise<string> {
  const jpeg = await sharp(image)
    .rotate()
    .resize(budget.size, budget.size, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: budget.quality, mozjpeg: true })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

/**
 * Keys in the order they deserve a thumbnail: those flagged (a wrong, invalid or failed answer) first,
 * each group in its given order.
 */
export function thumbnailOrder<K>(keys: Iterable<K>, flagged: (key: K) => boolean): K[] {
  const all = [...keys];
  return [...all.filter(flagged), ...all.filter((key) => !flagged(key))];
}
