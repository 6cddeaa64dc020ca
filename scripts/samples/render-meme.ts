import { sceneSvg, type Scene, type SettingId } from './scene.js';
import { svgToJpeg, textLines, wrap } from './svg.js';

/** Everyday scenes: the pictures memes are made of. */
export const MEME_SETTINGS: readonly SettingId[] = ['street', 'beach', 'forest', 'studio', 'concert', 'stadium', 'skyline', 'wind-farm'];

const WIDTH = 320;
const HEIGHT = 270;
const FONT_SIZE = 19;
/** Upper-case bold DejaVu at 19 px: 21 characters fill the width with a margin. */
const LINE_CHARS = 21;
const MAX_LINES = 4;

/** The caption as it is laid out on the meme: upper case, wrapped. */
function memeLines(caption: string): string[] {
  return wrap(caption.toUpperCase(), LINE_CHARS);
}

/** Whether the whole caption fits on a meme (a caption is never cut: it is the OCR reference). */
export function fitsMeme(caption: string): boolean {
  return memeLines(caption).length <= MAX_LINES;
}

/**
 * A meme JPEG: the caption in large dark letters on a light band, over a scene, so OCR has clean
 * text to read and vision models a picture to look at.
 */
export async function renderMeme(caption: string, scene: Scene): Promise<Uint8Array> {
  if (!fitsMeme(caption)) throw new Error(`caption does not fit on a meme in ${MAX_LINES} lines: "${caption}"`);
  const lines = memeLines(caption);
  const band = lines.length * Math.round(FONT_SIZE * 1.25) + 18;
  return svgToJpeg(WIDTH, HEIGHT,
    sceneSvg(scene, { x: 0, y: band, width: WIDTH, height: HEIGHT - band }) +
    `<rect width="${WIDTH}" height="${band}" fill="#f4f4f4"/>` +
    textLines(lines, { x: WIDTH / 2, y: 10 + FONT_SIZE, size: FONT_SIZE, fill: '#111' }));
}
