import { stat } from 'node:fs/promises';
import { fileDownloadInfo, HubApiError, listFiles } from '@huggingface/hub';
import { UsageError } from '../errors.js';
import { DEFAULT_BACKOFF, isRetryableStatus, retryDelayMs, type RetryPolicy } from '../scheduler/retry-policy.js';
import type { Clock } from '../services/clock.js';
import { formatBytes } from './byte-size.js';
import type { RemoteFile } from './content-check.js';
import { fileProgress, type ProgressOutput } from './download-progress.js';
import { globMatcher } from './glob.js';
import { DownloadError, downloadResumable } from './resumable-download.js';
import { insideRoot } from './safe-path.js';

export interface PullRequest {
  /** `owner/name` of a dataset repository. */
  readonly hubId: string;
  readonly revision: string;
  /** Repo path patterns to fetch (see glob.ts); empty fetches the whole repository. */
  readonly include: readonly string[];
  /** Absolute folder the repository's files land in, at their repo paths. */
  readonly out: string;
  /** Base URL of the Hub (HF_ENDPOINT). */
  readonly endpoint: string;
  /** Sent as a bearer token to the Hub's own origin only. */
  readonly token?: string;
}

export interface PullDependencies {
  readonly output: ProgressOutput;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
  readonly idleTimeoutMs: number;
  readonly random: () => number;
}

export const DEFAULT_PULL_DEPENDENCIES: Omit<PullDependencies, 'output' | 'clock'> = {
  retry: { retries: 4, ...DEFAULT_BACKOFF },
  idleTimeoutMs: 60_000,
  random: Math.random,
};

export interface PullSummary {
  readonly downloaded: number;
  readonly alreadyComplete: number;
  readonly failed: readonly { readonly path: string; readonly error: string }[];
}

/**
 * fetch with the token added for the Hub's origin only: the file server a download is redirected to
 * (a CDN) gets signed URLs, not the user's token (fetch itself drops it on cross-origin redirects).
 */
function hubFetch(endpoint: string, token: string | undefined): typeof fetch {
  const origin = new URL(endpoint).origin;
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!token || new URL(url).origin !== origin) return fetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}

function toRemoteFile(entry: { path: string; size: number; oid?: string; lfs?: { oid: string; size: number }; xetHash?: string }): RemoteFile {
  if (entry.lfs) return { path: entry.path, size: entry.lfs.size, sha256: entry.lfs.oid };
  // A Xet-stored file without LFS details has no digest the listing states for its content.
  if (entry.xetHash || !entry.oid) return { path: entry.path, size: entry.size };
  return { path: entry.path, size: entry.size, gitOid: entry.oid };
}

async function listRepo(request: PullRequest, fetcher: typeof fetch): Promise<RemoteFile[]> {
  const wanted = globMatcher(request.include);
  const files: RemoteFile[] = [];
  try {
    // listFiles puts the revision into the path as given; fileDownloadInfo encodes it itself.
    for await (const entry of listFiles({
      repo: { type: 'dataset', name: request.hubId },
      recursive: true,
      revision: encodeURIComponent(request.revision),
      hubUrl: request.endpoint,
      fetch: fetcher,
    })) {
      if (entry.type === 'file' && wanted(entry.path)) files.push(toRemoteFile(entry));
    }
  } catch (error) {
    const status = error instanceof HubApiError ? error.statusCode : undefined;
    const hint = (status === 401 || status === 403) && !request.token ? ' (private or gated? set HF_TOKEN)' : '';
    throw new Error(`cannot list dataset ${request.hubId} at ${request.revision}: ${(error as Error).message}${hint}`, { cause: error });
  }
  return files;
}

async function isComplete(path: string, size: number): Promise<boolean> {
  try {
    return (await stat(path)).size === size;
  } catch {
    return false;
  }
}

/** Network failures are worth another try; so are the Hub's transient statuses. */
const isRetryable = (error: unknown) =>
  error instanceof DownloadError ? error.retryable : error instanceof HubApiError ? isRetryableStatus(error.statusCode) : true;

/** One attempt: ask the Hub where the bytes are, then fetch what is missing. */
async function attempt(request: PullRequest, file: RemoteFile, dest: string, fetcher: typeof fetch, deps: PullDependencies, onProgress: (done: number) => void) {
  const info = await fileDownloadInfo({ repo: { type: 'dataset', name: request.hubId }, path: file.path, revision: request.revision, hubUrl: request.endpoint, fetch: fetcher });
  if (!info) throw new DownloadError(`not found at revision ${request.revision}`, false);
  if (info.size !== file.size) {
    throw new DownloadError(`the listing says ${file.size} bytes, the file server ${info.size} (did the revision move? pin --revision to a commit)`, false);
  }
  return downloadResumable({ url: info.url, dest, file, fetch: fetcher, onProgress, idleTimeoutMs: deps.idleTimeoutMs });
}

type FileOutcome = 'downloaded' | 'complete' | { readonly failed: string };

async function pullFile(request: PullRequest, file: RemoteFile, fetcher: typeof fetch, deps: PullDependencies): Promise<FileOutcome> {
  const progress = fileProgress(deps.output, file.path, file.size, () => deps.clock.now());
  try {
    const dest = insideRoot(request.out, file.path);
    if (await isComplete(dest, file.size)) {
      progress.note('already complete');
      return 'complete';
    }
    for (let tries = 0; ; tries++) {
      try {
        const { resumedFrom } = await attempt(request, file, dest, fetcher, deps, (done) => progress.update(done));
        progress.note(`done, ${formatBytes(file.size)}${resumedFrom > 0 ? ` (resumed at ${formatBytes(resumedFrom)})` : ''}`);
        return 'downloaded';
      } catch (error) {
        if (tries >= deps.retry.retries || !isRetryable(error)) throw error;
        const delay = retryDelayMs(error, tries, deps.retry, deps.random);
        progress.note(`${(error as Error).message}; retrying in ${(delay / 1000).toFixed(1)} s`);
        await deps.clock.sleep(delay);
      }
    }
  } catch (error) {
    const message = (error as Error).message;
    progress.note(`failed: ${message}`);
    return { failed: message };
  }
}

/**
 * Downloads a dataset repository from the Hub into `request.out`, keeping its paths, so the folder
 * is what `openDatasetSource` reads. Files already there at the listed size are skipped; the others
 * are fetched resumably and verified (resumable-download.ts), with transient failures retried.
 * A file that still fails is reported in the summary and the next file goes on.
 * Throws a UsageError when no file matches `include`, an Error when the listing fails.
 */
export async function pullDataset(request: PullRequest, deps: PullDependencies): Promise<PullSummary> {
  const fetcher = hubFetch(request.endpoint, request.token);
  const files = await listRepo(request, fetcher);
  if (files.length === 0) {
    const patterns = request.include.map((pattern) => `'${pattern}'`).join(' ');
    throw new UsageError(patterns ? `no file of ${request.hubId} at ${request.revision} matches --include ${patterns}` : `${request.hubId} at ${request.revision} has no files`);
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  deps.output.write(`${request.hubId}@${request.revision}: ${files.length} files, ${formatBytes(total)} -> ${request.out}\n`);
  let downloaded = 0;
  let alreadyComplete = 0;
  const failed: { path: string; error: string }[] = [];
  for (const file of files) {
    const outcome = await pullFile(request, file, fetcher, deps);
    if (outcome === 'downloaded') downloaded++;
    else if (outcome === 'complete') alreadyComplete++;
    else failed.push({ path: file.path, error: outcome.failed });
  }
  return { downloaded, alreadyComplete, failed };
}
