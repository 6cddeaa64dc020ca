import { execFile } from 'node:child_process';

/**
 * The commit checked out where the config lives, for the run manifest; null outside a git checkout.
 * Asynchronous, so that git runs while the run is planned and its endpoints are checked.
 */
export function gitCommit(dir: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd: dir }, (error, stdout) => resolve(error ? null : stdout.trim() || null));
  });
}
