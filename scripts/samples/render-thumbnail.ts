import { sceneSvg, type Scene } from './scene.js';
import { svgToJpeg, textLines, wrap } from './svg.js';

const WIDTH = 320;
const HEIGHT = 180;
const FONT_SIZE = 17;
const LINE_CHARS = 27;
const MAX_LINES = 3;

/** A YouTube-like 320x180 thumbnail: the scene, with the start of the title in outlined white letters. */
export async function renderThumbnail(title: string, scene: Scene): Promise<Uint8Array> {
  const lines = wrap(title, LINE_CHARS).slice(0, MAX_LINES);
  const top = HEIGHT - 12 - (lines.length - 1) * Math.round(FONT_SIZE * 1.25);
  return svgToJpeg(WIDTH, HEIGHT,
    sceneSvg(scene, { x: 0, y: 0, width: WIDTH, height: HEIGHT }) +
    textLines(lines, { x: WIDTH / 2, y: top, size: FONT_SIZE, fill: '#fff', stroke: '#000' }));
}
