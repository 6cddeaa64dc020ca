import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { RunIdentity } from '../run/run-identity.js';
import type { Clock } from '../services/clock.js';

export type RunStatus = 'running' | 'done' | 'partial' | 'interrupted' | 'failed';

export interface RunManifest {
  runId: string;
  configFile: string;
  /** The hash of `identity` for runs of `bench run`: runs are resumed by it. */
  configHash: string;
  /** What the run's numbers are of: the config's hash and every task's version, split and samples. */
  identity?: RunIdentity;
  config: unknown;
  plugins: Record<string, string>;
  gitCommit: string | null;
  createdAt: string;
  status: RunStatus;
  /** Set on the runs of `--shard i/n`: each shard is a run folder of its own, joined by `bench merge`. */
  shard?: { index: number; count: number };
  /** Set on a run made by `bench merge`: the run folders it joined. */
  mergedFrom?: string[];
  /** Set by `bench merge --allow-partial` on an incomplete set of shards: what it lacks. */
  partial?: string[];
  /** One entry per `bench run` invocation on this run folder. */
  sessions: Array<{ startedAt: string; endedAt: string | null; status: RunStatus; argv: string[] }>;
}

/** File name for a task or model key (model keys may contain `/`); `keyOfFile` reverses it. */
export function fileKey(key: string): string {
  return encodeURIComponent(key);
}

export function keyOfFile(name: string): string {
  return decodeURIComponent(name);
}

/** One run folder: its manifest and where its files go. */
export class Run {
  constructor(
    readonly dir: string,
    readonly manifest: Low<RunManifest>,
    readonly resumed: boolean,
  ) {}

  get id(): string {
    return this.manifest.data.runId;
  }

  predictionsPath(task: string, model: string): string {
    return join(this.dir, 'predictions', fileKey(task), `${fileKey(model)}.jsonl`);
  }

  /** The judge's grades of a model's answers on a task. */
  judgePath(task: string, model: string): string {
    return join(this.dir, 'predictions', fileKey(task), `${fileKey(model)}.judge.jsonl`);
  }

  async startSession(argv: string[], now: string): Promise<void> {
    this.manifest.data.status = 'running';
    this.manifest.data.sessions.push({ startedAt: now, endedAt: null, status: 'running', argv });
    await this.manifest.write();
  }

  async endSession(status: RunStatus, now: string): Promise<void> {
    const session = this.manifest.data.sessions.at(-1);
    if (session) Object.assign(session, { endedAt: now, status });
    this.manifest.data.status = status;
    await this.manifest.write();
  }
}

function readManifest(path: string): RunManifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
  } catch {
    return undefined;
  }
}

function shardKeyOf(manifest: RunManifest | undefined): string {
  return manifest?.shard ? `-shard-${manifest.shard.index}-of-${manifest.shard.count}` : '';
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Finds or creates run folders under the output directory. The same config (same hash) resumes the
 * newest run made from it; `fresh` always starts a new one.
 */
export class RunStore {
  constructor(private readonly clock: Clock) {}

  async open(options: {
    output: string;
    configHash: string;
    fresh: boolean;
    shard?: { index: number; count: number };
    /** Appended to a new run's id (e.g. `merged`). */
    label?: string;
    init: Omit<RunManifest, 'runId' | 'configHash' | 'createdAt' | 'status' | 'sessions'>;
  }): Promise<Run> {
    const shardKey = options.shard ? `-shard-${options.shard.index}-of-${options.shard.count}` : '';
    const previous = options.fresh ? undefined : this.latest(options.output, options.configHash, shardKey);
    const label = options.label ? `-${options.label}` : '';
    const runId = previous ?? this.newId(options.output, `${stamp(this.clock.now())}-${options.configHash.slice(0, 8)}${shardKey}${label}`);
    const dir = join(options.output, runId);
    mkdirSync(dir, { recursive: true });
    const manifest = new Low<RunManifest>(new JSONFile(join(dir, 'manifest.json')), {
      ...options.init,
      runId,
      configHash: options.configHash,
      createdAt: new Date(this.clock.now()).toISOString(),
      status: 'running',
      sessions: [],
      ...(options.shard ? { shard: options.shard } : {}),
    });
    await manifest.read();
    // Plugin versions and the snapshot describe the latest session's code and config.
    Object.assign(manifest.data, { plugins: options.init.plugins, gitCommit: options.init.gitCommit });
    return new Run(dir, manifest, previous !== undefined);
  }

  /** Opens an existing run folder (for reports); undefined when it holds no manifest. */
  async existing(dir: string): Promise<Run | undefined> {
    const path = join(dir, 'manifest.json');
    const data = readManifest(path);
    if (!data) return undefined;
    return new Run(dir, new Low(new JSONFile<RunManifest>(path), data), true);
  }

  /** `base`, or `base-2`, `base-3`, ... when runs of the same config start within one second. */
  private newId(output: string, base: string): string {
    let id = base;
    for (let n = 2; existsSync(join(output, id)); n++) id = `${base}-${n}`;
    return id;
  }

  /**
   * Removes a run folder this session created and wrote no answer to (a run that failed before its
   * first sample leaves nothing behind).
   */
  discard(run: Run): void {
    if (!run.resumed) rmSync(run.dir, { recursive: true, force: true });
  }

  /** The newest run (not a merge) under `output` whose manifest passes `test`, with its folder name. */
  newest(output: string, test: (manifest: RunManifest) => boolean): { name: string; manifest: RunManifest } | undefined {
    if (!existsSync(output)) return undefined;
    const candidates = readdirSync(output, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => ({ name: d.name, manifest: readManifest(join(output, d.name, 'manifest.json')) }))
      .filter((c): c is { name: string; manifest: RunManifest } => c.manifest !== undefined && !c.manifest.mergedFrom && test(c.manifest))
      .sort((a, b) => (a.manifest.createdAt < b.manifest.createdAt ? 1 : -1));
    return candidates[0];
  }

  private latest(output: string, configHash: string, shardKey: string): string | undefined {
    return this.newest(output, (manifest) => manifest.configHash === configHash && shardKeyOf(manifest) === shardKey)?.name;
  }
}
