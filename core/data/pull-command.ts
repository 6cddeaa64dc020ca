import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { BenchError, EXIT, UsageError } from '../errors.js';
import type { Clock } from '../services/clock.js';
import type { Env } from '../services/env.js';
import { Redactor } from '../util/redact.js';
import type { ProgressOutput } from './download-progress.js';
import { DEFAULT_PULL_DEPENDENCIES, pullDataset, type PullDependencies } from './hub-pull.js';

export interface PullArgs {
  readonly hubId: string;
  readonly out?: string;
  readonly revision: string;
  readonly include?: readonly string[];
}

/** What the command touches outside itself; tests give their own. */
export interface PullCommandDependencies {
  readonly env: Env;
  readonly stderr: ProgressOutput;
  readonly stdout: (text: string) => void;
  readonly cwd: () => string;
  readonly clock: Clock;
  readonly pull?: Partial<Omit<PullDependencies, 'output' | 'clock'>>;
}

const HUB_ID = /^[\w.-]+\/[\w.-]+$/;
const DEFAULT_ENDPOINT = 'https://huggingface.co';

function endpointFrom(env: Env): string {
  const raw = env.get('HF_ENDPOINT') || DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`HF_ENDPOINT is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`HF_ENDPOINT must be an http(s) URL: ${raw}`);
  return raw.replace(/\/+$/, '');
}

/** `bench data pull`'s name, description and options: what yargs needs before the command's dependencies exist. */
export const dataPullOptions = {
  command: 'pull <hubId>',
  describe: 'Download a dataset from the Hugging Face Hub (resumable; sizes and hashes verified)',
  builder: (y: Argv) =>
    y
      .positional('hubId', { type: 'string', describe: 'Dataset repository, e.g. Ahren09/MMSoc_HatefulMemes', demandOption: true })
      .option('out', { type: 'string', describe: 'Folder to download into (default: data/<name>)' })
      .option('revision', { type: 'string', default: 'main', describe: 'Branch, tag or commit' })
      .option('include', { type: 'string', array: true, describe: "Only files matching these patterns, e.g. 'data/validation-*'" }),
};

/**
 * `bench data pull <hub-id>`: fetches a dataset repository from the Hub (HF_ENDPOINT, default
 * huggingface.co; HF_TOKEN for private and gated ones) into `--out`, resumably and verified.
 * Progress and errors go to stderr with the token masked; the dataset folder is printed on stdout.
 * The handler returns the exit code: 0 every file is there, 1 some file failed, 2 a usage error.
 */
export function makeDataPullCommand(deps: PullCommandDependencies) {
  return {
    ...dataPullOptions,
    handler: async (argv: PullArgs): Promise<number> => {
      const redactor = new Redactor();
      const token = deps.env.get('HF_TOKEN') || undefined;
      redactor.add(token);
      const stderr: ProgressOutput = { isTTY: deps.stderr.isTTY, write: (text) => deps.stderr.write(redactor.redact(text)) };
      try {
        if (!HUB_ID.test(argv.hubId)) throw new UsageError(`'${argv.hubId}' is not a dataset id (expected owner/name)`);
        const name = argv.hubId.split('/')[1]!;
        const out = resolve(deps.cwd(), argv.out ?? `data/${name}`);
        const request = { hubId: argv.hubId, revision: argv.revision, include: argv.include ?? [], out, endpoint: endpointFrom(deps.env), token };
        const summary = await pullDataset(request, { ...DEFAULT_PULL_DEPENDENCIES, ...deps.pull, output: stderr, clock: deps.clock });
        const failed = summary.failed.length;
        stderr.write(`${summary.downloaded} downloaded, ${summary.alreadyComplete} already complete, ${failed} failed${failed ? ' (run the command again to resume)' : ''}\n`);
        if (failed) return EXIT.someFailed;
        deps.stdout(`${out}\n`);
        return EXIT.done;
      } catch (error) {
        stderr.write(`error: ${(error as Error).message}\n`);
        return error instanceof BenchError ? error.exitCode : EXIT.someFailed;
      }
    },
  };
}
