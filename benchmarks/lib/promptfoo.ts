import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasured, type Measured } from './processes.js';

/** The last release that runs on Node 20 (0.122+ needs Node 22.22). */
export const PROMPTFOO_VERSION = '0.121.20';
/** Outside the project (the install is about 1.5 GB) and kept between runs, so reruns skip the install. */
export const PROMPTFOO_DIR = join(tmpdir(), 'mmsoc-bench-promptfoo');

/** Raised when promptfoo cannot be installed or run: the benchmark says so and exits non-zero. */
export class PromptfooUnavailable extends Error {}

function installedVersion(): string | undefined {
  const pkg = join(PROMPTFOO_DIR, 'node_modules', 'promptfoo', 'package.json');
  return existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version : undefined;
}

/** Installs promptfoo into PROMPTFOO_DIR with npm unless that version is there; returns its CLI entry. */
export function ensurePromptfoo(): string {
  const entry = join(PROMPTFOO_DIR, 'node_modules', 'promptfoo', 'dist', 'src', 'entrypoint.js');
  if (installedVersion() === PROMPTFOO_VERSION && existsSync(entry)) return entry;
  mkdirSync(PROMPTFOO_DIR, { recursive: true });
  writeFileSync(join(PROMPTFOO_DIR, 'package.json'), JSON.stringify({ name: 'mmsoc-bench-promptfoo', private: true }));
  console.log(`installing promptfoo@${PROMPTFOO_VERSION} into ${PROMPTFOO_DIR} (about 1.5 GB, once; later runs reuse it)...`);
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `promptfoo@${PROMPTFOO_VERSION}`], {
    cwd: PROMPTFOO_DIR,
    stdio: 'inherit',
  });
  if (npm.error || npm.status !== 0) {
    throw new PromptfooUnavailable(`npm install promptfoo@${PROMPTFOO_VERSION} in ${PROMPTFOO_DIR} failed (${npm.error?.message ?? `exit ${npm.status}`})`);
  }
  if (installedVersion() !== PROMPTFOO_VERSION || !existsSync(entry)) {
    throw new PromptfooUnavailable(`npm reported success but ${entry} (promptfoo ${PROMPTFOO_VERSION}) is missing`);
  }
  return entry;
}

/**
 * Writes a promptfoo project asking the same question with the same image data URLs as our
 * hate-speech requests: one chat prompt (JSON messages with an `{{image}}` variable), one
 * `openai:chat` provider on the benchmark server, and one test per sample.
 */
export function writePromptfooProject(dir: string, options: { endpoint: string; question: string; imageUrls: Iterable<string> }): string {
  mkdirSync(dir, { recursive: true });
  const messages = [{ role: 'user', content: [{ type: 'image_url', image_url: { url: '{{image}}' } }, { type: 'text', text: options.question }] }];
  writeFileSync(join(dir, 'prompt.json'), JSON.stringify(messages));
  const tests: string[] = [];
  for (const url of options.imageUrls) tests.push(JSON.stringify({ vars: { image: url } }));
  writeFileSync(join(dir, 'tests.jsonl'), tests.join('\n') + '\n');
  const config = join(dir, 'promptfooconfig.yaml');
  writeFileSync(
    config,
    [
      'description: mmsoc-bench peer benchmark',
      'prompts:',
      '  - file://prompt.json',
      'providers:',
      '  - id: openai:chat:vlm',
      '    config:',
      `      apiBaseUrl: ${options.endpoint}`,
      '      apiKey: EMPTY',
      '      temperature: 0',
      '      max_tokens: 128',
      'tests: file://tests.jsonl',
      '',
    ].join('\n'),
  );
  return config;
}

/** `promptfoo eval` of the project at `concurrency`, without its cache, under GNU time. */
export async function runPromptfoo(entry: string, config: string, options: { concurrency: number; home: string }): Promise<Measured<unknown>> {
  const run = await runMeasured<unknown>(
    process.execPath,
    [entry, 'eval', '-c', config, '--max-concurrency', String(options.concurrency), '--no-cache', '--no-table', '--no-progress-bar', '--no-share'],
    {
      cwd: options.home,
      env: {
        PROMPTFOO_DISABLE_TELEMETRY: '1',
        PROMPTFOO_DISABLE_UPDATE: '1',
        PROMPTFOO_DISABLE_SHARING: '1',
        // Its debug-log file transport crashes at exit on Node 20 ("write after end") after a complete eval.
        PROMPTFOO_DISABLE_DEBUG_LOG: '1',
        // Its results database and logs go to a folder of this run, not ~/.promptfoo.
        PROMPTFOO_CONFIG_DIR: join(options.home, '.promptfoo'),
      },
    },
  );
  if (run.code !== 0) throw new PromptfooUnavailable(`promptfoo eval failed (exit ${run.code}):\n${run.stderr.slice(-3000)}${run.stdout.slice(-2000)}`);
  return run;
}
