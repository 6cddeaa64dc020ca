import sharp from 'sharp';

/** Where the scaffold puts its sample, relative to the package root. */
export const SAMPLE_FOLDER = 'data/sample';

/** Rows of the bundled test split: two posts per image; the last one fools the keyword model. */
const ROWS = [
  { id: '1', image: 'img/1.png', text: 'Oh great, another Monday. Yeah right, I love it.', label: 1 },
  { id: '2', image: 'img/2.png', text: 'Our team won the final today!', label: 0 },
  { id: '3', image: 'img/1.png', text: 'Totally the best traffic jam of my life.', label: 1 },
  { id: '4', image: 'img/2.png', text: 'Sunset at the lake this evening.', label: 0 },
  { id: '5', image: 'img/1.png', text: 'Nothing says summer like rain for a week, said no one ever.', label: 1 },
];

const COLOURS = { 'img/1.png': { r: 230, g: 120, b: 40 }, 'img/2.png': { r: 40, g: 110, b: 220 } };

async function solidPng(colour: { r: number; g: number; b: number }): Promise<Uint8Array> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: colour } }).png().toBuffer();
}

/** The sample dataset's files (JSONL split and two 8x8 PNGs), keyed by path under the package root. */
export async function sampleFiles(): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  files.set(`${SAMPLE_FOLDER}/test.jsonl`, ROWS.map((row) => JSON.stringify(row)).join('\n') + '\n');
  for (const [path, colour] of Object.entries(COLOURS)) files.set(`${SAMPLE_FOLDER}/${path}`, await solidPng(colour));
  return files;
}
