import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from 'mmsoc-bench';

/**
 * One process per state directory: two crawls appending to the same files would interleave batches and
 * double-spend quota. A lock left by a killed process (its pid is gone) is taken over.
 */
export async function lockStateDir(root: string): Promise<() => Promise<void>> {
  await mkdir(root, { recursive: true });
  const file = path.join(root, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new UsageError(`state directory ${root} is in use by process ${holder}; wait for it or stop it`);
      }
      await rm(file, { force: true });
    }
  }
  throw new UsageError(`could not lock state directory ${root}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
