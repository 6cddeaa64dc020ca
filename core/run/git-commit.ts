import { execFileSync } from 'node:child_process';

/** The commit checked out where the config lives, for the run manifest; null outside a git checkout. */
export function gitCommit(dir: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}
