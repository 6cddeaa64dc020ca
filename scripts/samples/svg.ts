import sharp from 'sharp';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Splits text into lines of at most `width` characters, on word boundaries. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Centred lines of bold DejaVu Sans (the font sharp's SVG renderer has on every machine we run on). */
export function textLines(lines: readonly string[], at: { x: number; y: number; size: number; fill: string; stroke?: string }): string {
  const stroke = at.stroke ? ` stroke="${at.stroke}" stroke-width="${at.size / 8}" paint-order="stroke"` : '';
  return lines
    .map((line, i) => `<text x="${at.x}" y="${at.y + i * Math.round(at.size * 1.25)}" font-family="DejaVu Sans" font-weight="bold" font-size="${at.size}" text-anchor="middle" fill="${at.fill}"${stroke}>${escapeXml(line)}</text>`)
    .join('');
}

/**
 * Renders an SVG document to JPEG. Quality 65 with mozjpeg keeps the bundled samples small; the
 * output is the same bytes on every run with the same sharp build.
 */
export async function svgToJpeg(width: number, height: number, body: string, quality = 65): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality, mozjpeg: true }).toBuffer();
}
