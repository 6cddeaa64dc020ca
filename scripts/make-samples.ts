import { join, resolve } from 'node:path';
import { PACKAGE_DIR } from '../core/run/package-dir.js';
import { makeSamples } from './samples/make-all.js';

/**
 * Regenerates the bundled sample datasets: small synthetic datasets in the Hub parquet layout, with
 * the real column names and label vocabularies, so the default config runs with no network and no GPU.
 * Usage: make-samples.ts [output folder, default data/samples]
 */
const root = process.argv[2] ? resolve(process.argv[2]) : join(PACKAGE_DIR, 'data', 'samples');
await makeSamples(root);
console.log(`samples written to ${root}`);
