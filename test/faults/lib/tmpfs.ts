import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../fixtures/datasets.js';

/** A small tmpfs: a real file system that really runs out of space. */
export interface SmallDisk {
  readonly dir: string;
  /** Writes a filler file until the file system answers ENOSPC. */
  fill(): void;
  /** Deletes the filler. */
  free(): void;
  unmount(): void;
}

const FILLER = '.filler';

/** Mounts a tmpfs of `size` (needs root or CAP_SYS_ADMIN); the reason when it cannot. */
export function mountSmallDisk(prefix: string, size = '1m'): SmallDisk | { readonly unavailable: string } {
  const dir = join(tempDir(prefix), 'disk');
  mkdirSync(dir);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) return { unavailable: `mount -t tmpfs failed (${(mount.stderr || mount.error?.message || `exit ${mount.status}`).trim()})` };
  return {
    dir,
    fill() {
      const fd = openSync(join(dir, FILLER), 'a');
      const chunk = Buffer.alloc(16 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(join(dir, FILLER), { force: true }),
    unmount: () => void spawnSync('umount', ['-l', dir]),
  };
}
