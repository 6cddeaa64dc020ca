import { spawn } from 'node:child_process';
import { UsageError } from '../../errors.js';

/** The line of npm's error output that says what went wrong (not its error code or log-file pointer). */
function npmReason(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  const reasons = lines
    .filter((line) => line.startsWith('npm error '))
    .map((line) => line.slice('npm error '.length).trim())
    .filter((text) => text && !/^(code|errno|syscall|path|A complete log)\b/.test(text));
  return reasons[0] ?? lines.at(-1) ?? 'no output';
}

/**
 * Runs npm in `cwd` and resolves when it succeeded. Its output is passed to `log` line by line;
 * a failure becomes one line naming the command and npm's reason.
 */
export function runNpm(args: readonly string[], cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(log));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new UsageError(`cannot run npm (${error.message}); install Node.js with npm and put it on PATH`)));
    child.on('close', (code) => {
      stderr.split('\n').filter(Boolean).forEach(log);
      if (code === 0) resolve();
      else reject(new UsageError(`npm ${args.join(' ')} failed in ${cwd}: ${npmReason(stderr)}`));
    });
  });
}
