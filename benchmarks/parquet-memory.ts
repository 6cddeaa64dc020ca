/**
 * Peak memory while streaming a large Hub-style parquet split through the parquet source.
 *
 * A child process writes a ~200 MB parquet file (images of incompressible bytes, 100 rows per row
 * group, as `datasets` writes image columns) into a temp folder; this process then reads every row
 * through createParquetSource, touching each image, and reports its peak RSS. The goal is a peak
 * under 150 MB whatever the file size: memory must follow the row group, not the file.
 *
 *   node --import tsx benchmarks/parquet-memory.ts [--mb 200] [--image-kb 40] [--rows-per-group 100] [--goal-mb 150]
 *
 * Exits 1 when the peak is over the goal.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createParquetSource } from '../core/data/parquet-source.js';

const MB = 1_000_000;
const rssMb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Writes row groups of fresh rows until the images add up to `totalBytes`. */
async function writeFile(path: string, totalBytes: number, imageBytes: number, rowsPerGroup: number): Promise<void> {
  // Imported here, in the writing child only, so the reader's baseline does not carry the writer.
  const { makeRows, openParquetFile } = await import('../test/data/parquet-fixture.js');
  const file = openParquetFile(path, 'SNAPPY');
  let written = 0;
  let groups = 0;
  for (let first = 0; written < totalBytes; first += rowsPerGroup, groups++) {
    const rows = makeRows(rowsPerGroup, { first, imageBytes });
    file.write(rows, rowsPerGroup);
    written += rows.reduce((sum, row) => sum + (row.image?.bytes.length ?? 0), 0);
  }
  file.finish();
  console.log(`parquet file:    ${(statSync(path).size / MB).toFixed(1)} MB, ${groups} row groups of ${rowsPerGroup} rows, images of ~${imageBytes / 1000} kB (snappy)`);
}

async function measure(root: string, goalMb: number): Promise<number> {
  const baseline = process.memoryUsage().rss;
  let sampledPeak = baseline;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 5);
  const started = process.hrtime.bigint();
  let rows = 0;
  let imageBytes = 0;
  for await (const row of createParquetSource(root).rows('train')) {
    rows++;
    imageBytes += ((row.image as { bytes?: Uint8Array } | null)?.bytes?.length ?? 0);
  }
  clearInterval(sampler);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // maxRSS covers the whole life of this process, which did nothing but load modules before reading.
  const peak = Math.max(sampledPeak, process.resourceUsage().maxRSS * 1024);
  console.log(`rows read:       ${rows} (${(imageBytes / MB).toFixed(1)} MB of image bytes) in ${seconds.toFixed(1)} s`);
  console.log(`RSS before read: ${rssMb(baseline)} MiB`);
  console.log(`peak RSS:        ${rssMb(peak)} MiB (goal: under ${goalMb} MiB)`);
  const ok = peak < goalMb * 2 ** 20;
  console.log(ok ? 'PASS' : 'FAIL: peak RSS over the goal');
  return ok ? 0 : 1;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      mb: { type: 'string', default: '200' },
      'image-kb': { type: 'string', default: '40' },
      'rows-per-group': { type: 'string', default: '100' },
      'goal-mb': { type: 'string', default: '150' },
    },
  });
  const imageBytes = Number(values['image-kb']) * 1000;
  const rowsPerGroup = Number(values['rows-per-group']);
  if (positionals[0] === 'write') {
    await writeFile(positionals[1]!, Number(values.mb) * MB, imageBytes, rowsPerGroup);
    return 0;
  }
  const root = mkdtempSync(join(tmpdir(), 'mmsoc-parquet-memory-'));
  try {
    const path = join(root, 'data', 'train-00000-of-00001.parquet');
    mkdirSync(join(root, 'data'));
    // Written by another process so that the writer's memory is not counted against the reader.
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'write', path, '--mb', values.mb, '--image-kb', values['image-kb'], '--rows-per-group', values['rows-per-group']], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`writing the test file failed (exit ${child.status})`);
    return await measure(root, Number(values['goal-mb']));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
