import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../core/run/package-dir.js';
import { makeHateSpeech } from './samples/hate-speech.js';

/**
 * Regenerates data/samples/: small synthetic datasets in the published layouts, with the real column
 * names and label vocabularies, so the default config runs with no network and no GPU.
 */
const root = join(PACKAGE_DIR, 'data', 'samples');
rmSync(join(root, 'hate-speech'), { recursive: true, force: true });
await makeHateSpeech(join(root, 'hate-speech'), { train: 40, validation: 24 });
console.log(`samples written to ${root}`);
