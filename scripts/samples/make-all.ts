import { join } from 'node:path';
import { makeGossipCop } from './gossipcop.js';
import { makeHatefulMemes } from './hateful-memes.js';
import { makeMemotion } from './memotion.js';
import { makePolitiFact } from './politifact.js';
import { makeYouTube } from './youtube.js';

/** Every bundled dataset: folder name (the Hub name, as the tasks' default paths use it) -> generator. */
const DATASETS = {
  MMSoc_Memotion: (dir: string) => makeMemotion(dir, { train: 60, validation: 20, test: 30 }),
  MMSoc_HatefulMemes: (dir: string) => makeHatefulMemes(dir, { train: 40, validation: 16, test: 24 }),
  MMSoc_PolitiFact: (dir: string) => makePolitiFact(dir, { train: 30, test: 20 }),
  MMSoc_GossipCop: (dir: string) => makeGossipCop(dir, { train: 30, test: 20 }),
  MMSoc_YouTube2000: (dir: string) => makeYouTube(dir, { train: 40, val: 10, test: 20 }),
} as const;

/** Writes every sample dataset under `root` (each folder replaced whole); the same bytes on every run. */
export async function makeSamples(root: string): Promise<void> {
  await Promise.all(Object.entries(DATASETS).map(([name, make]) => make(join(root, name))));
}
