import sharp from 'sharp';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Splits a caption into lines of at most `width` characters, on word boundaries. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A meme-like JPEG: a coloured scene (sky, ground, a sun or a block) with the caption in large dark
 * letters on a light band, so OCR has readable text and vision models something to look at.
 */
export async function renderMeme(caption: string, options: { hue: number; width?: number; height?: number; quality?: number }): Promise<Buffer> {
  const width = options.width ?? 360;
  const height = options.height ?? 270;
  const lines = wrap(caption.toUpperCase(), 22).slice(0, 3);
  const fontSize = 24;
  const bandHeight = lines.length * (fontSize + 8) + 16;
  const text = lines
    .map((line, i) => `<text x="${width / 2}" y="${18 + (i + 1) * (fontSize + 6)}" font-family="DejaVu Sans" font-weight="bold" font-size="${fontSize}" text-anchor="middle" fill="#111">${escapeXml(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="hsl(${options.hue},55%,62%)"/>
  <rect y="${height * 0.7}" width="100%" height="${height * 0.3}" fill="hsl(${(options.hue + 120) % 360},40%,40%)"/>
  <circle cx="${width * 0.8}" cy="${height * 0.55}" r="${height * 0.12}" fill="hsl(${(options.hue + 60) % 360},80%,55%)"/>
  <rect x="0" y="0" width="100%" height="${bandHeight}" fill="#f4f4f4"/>
  ${text}
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: options.quality ?? 70 }).toBuffer();
}
