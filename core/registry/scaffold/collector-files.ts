import { defaultFolder } from './plugin-name.js';
import { DEVELOP_SECTION } from './readme.js';
import type { ScaffoldSpec } from './spec.js';

/**
 * A collector that works offline: it takes posts from a JSONL export into its state folder, each once, so a
 * rerun resumes; `--limit` shows a resumable stop (exit 3). What a collector needs comes from its context.
 */
export function collectorSource(spec: ScaffoldSpec): string {
  return `import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BenchError,
  EXIT,
  formatIssues,
  Observable,
  UsageError,
  z,
  type CollectorContext,
  type CollectorPlugin,
  type CollectorProgress,
} from 'mmsoc-bench';

const ID = '${spec.ids.collector}';

/** Each key is a flag of \`bench collect ${spec.ids.collector}\` (\`.describe()\` is its help text). */
const postsOptions = z.strictObject({
  from: z.string().min(1).describe('JSONL file of posts to collect, one {"id": ..., "text": ...} object a line'),
  limit: z.number().int().positive().optional().describe('Most new posts to take in this run; the next run takes the rest'),
});

export type PostsOptions = z.input<typeof postsOptions>;

/** One line of posts.jsonl in the state folder. */
export interface CollectedPost {
  readonly id: string;
  readonly text: string;
  readonly collectedAt: string;
}

const post = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String), text: z.string() });

/**
 * Collects the posts of a JSONL export into \`<state>/posts.jsonl\`, each id once: a rerun adds only new
 * posts. Errors end the stream and become the exit code: UsageError 2, EXIT.resumableStop 3,
 * EXIT.interrupted 130.
 */
export const postsCollector: CollectorPlugin<PostsOptions> = {
  id: ID,
  description: 'Collects posts from a JSONL export into its state folder, each once; reruns resume',
  options: postsOptions,
  run: (options, context) =>
    new Observable<CollectorProgress>((subscriber) => {
      collect(options, context, (progress) => subscriber.next(progress)).then(
        () => subscriber.complete(),
        (error: unknown) => subscriber.error(error),
      );
    }),
};

async function collect(raw: PostsOptions, context: CollectorContext, emit: (progress: CollectorProgress) => void): Promise<void> {
  const parsed = postsOptions.safeParse(raw);
  if (!parsed.success) throw new UsageError(\`\${ID}: \${formatIssues(parsed.error, raw)}\`);
  const { from, limit } = parsed.data;
  const posts = await readExport(from);
  const store = join(context.stateDir, 'posts.jsonl');
  await mkdir(context.stateDir, { recursive: true });
  const have = new Set(
    (await readFile(store, 'utf8').catch(() => ''))
      .split('\\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as CollectedPost).id),
  );
  const before = have.size;
  // New ids only, each once even when the export repeats it.
  const fresh = posts.filter((p) => !have.has(p.id) && have.add(p.id));
  const taken = fresh.slice(0, limit ?? fresh.length);
  let added = 0;
  try {
    for (const p of taken) {
      if (context.signal.aborted) throw new BenchError('interrupted: collected posts are saved; run the same command again to continue', EXIT.interrupted);
      const line: CollectedPost = { id: p.id, text: p.text, collectedAt: new Date(context.clock.now()).toISOString() };
      // One line at a time: a killed run keeps every post it reported.
      await appendFile(store, JSON.stringify(line) + '\\n');
      added += 1;
      emit({ phase: 'posts', done: added, total: taken.length });
    }
  } finally {
    emit({ phase: 'summary', done: added, message: \`\${added} posts added, \${before + added} in \${store}\` });
  }
  const waiting = fresh.length - taken.length;
  if (waiting > 0) throw new BenchError(\`stopped: --limit \${limit} reached, \${waiting} posts wait; run the same command again\`, EXIT.resumableStop);
}

/** The export's posts; a line that is not a post is refused with its file and line number. */
async function readExport(file: string): Promise<{ id: string; text: string }[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(\`\${ID}: cannot read --from \${file}\`);
  });
  return text.split('\\n').flatMap((line, index) => {
    if (!line.trim()) return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError(\`\${file}:\${index + 1}: not JSON\`);
    }
    const parsed = post.safeParse(value);
    if (!parsed.success) throw new UsageError(\`\${file}:\${index + 1}: \${formatIssues(parsed.error, value)}\`);
    return [parsed.data];
  });
}
`;
}

export function collectorIndexSource(spec: ScaffoldSpec): string {
  return `import { definePlugin } from 'mmsoc-bench';
import { postsCollector } from './collector.js';

export default definePlugin({
  // The plugin API version this code is written for. Keep it a number, not mmsoc-bench's
  // PLUGIN_API_VERSION: a newer mmsoc-bench must be able to see that this plugin predates it.
  apiVersion: ${spec.apiVersion},
  name: '${spec.name}',
  collectors: [postsCollector],
});
`;
}

/** Tests of the collector with a context of its own, written for node:test. */
export function collectorTest(): string {
  return `import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BenchError, EXIT, UsageError, type CollectorContext, type CollectorProgress } from 'mmsoc-bench';
import { postsCollector, type CollectedPost, type PostsOptions } from '../src/collector.js';

const NOON = Date.parse('2026-03-08T12:00:00Z');

/** The parts of the context this collector uses; bench collect hands it the whole one. */
function context(stateDir: string, signal = new AbortController().signal): CollectorContext {
  const quiet = () => undefined;
  return {
    stateDir,
    signal,
    clock: { now: () => NOON, sleep: async () => undefined },
    logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    env: () => undefined,
    secret: () => undefined,
    redact: (text) => text,
    cacheDir: stateDir,
  } as Partial<CollectorContext> as CollectorContext;
}

async function fixture(lines: readonly string[]): Promise<{ dir: string; from: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'collector-test-'));
  const from = join(dir, 'export.jsonl');
  await writeFile(from, lines.join('\\n') + '\\n');
  return { dir, from };
}

/** Every event of one run, or the error it ended with. */
function run(options: PostsOptions, ctx: CollectorContext): Promise<CollectorProgress[]> {
  const events: CollectorProgress[] = [];
  return new Promise((resolve, reject) => {
    postsCollector.run(options, ctx).subscribe({ next: (event) => events.push(event), error: reject, complete: () => resolve(events) });
  });
}

async function collected(dir: string): Promise<CollectedPost[]> {
  const text = await readFile(join(dir, 'state', 'posts.jsonl'), 'utf8');
  return text.split('\\n').filter(Boolean).map((line) => JSON.parse(line) as CollectedPost);
}

const POSTS = ['{"id": 1, "text": "first"}', '{"id": 2, "text": "second"}', '{"id": 1, "text": "first again"}'];

test('collects each post once and reports a summary', async () => {
  const { dir, from } = await fixture(POSTS);
  const events = await run({ from }, context(join(dir, 'state')));
  assert.match(events.at(-1)?.message ?? '', /^2 posts added, 2 in /);
  assert.deepEqual((await collected(dir)).map((p) => [p.id, p.text, p.collectedAt]), [
    ['1', 'first', '2026-03-08T12:00:00.000Z'],
    ['2', 'second', '2026-03-08T12:00:00.000Z'],
  ]);
  const again = await run({ from }, context(join(dir, 'state')));
  assert.match(again.at(-1)?.message ?? '', /^0 posts added, 2 in /);
});

test('stops resumably at --limit, and the next run takes the rest', async () => {
  const { dir, from } = await fixture(POSTS);
  const stopped = await run({ from, limit: 1 }, context(join(dir, 'state'))).catch((error: unknown) => error);
  assert.ok(stopped instanceof BenchError && stopped.exitCode === EXIT.resumableStop);
  await run({ from }, context(join(dir, 'state')));
  assert.deepEqual((await collected(dir)).map((p) => p.id), ['1', '2']);
});

test('refuses a line that is not a post, naming the file and line', async () => {
  const { dir, from } = await fixture(['{"id": 1, "text": "ok"}', 'not json']);
  await assert.rejects(run({ from }, context(join(dir, 'state'))), (error: unknown) => error instanceof UsageError && error.message === \`\${from}:2: not JSON\`);
});
`;
}

export function collectorReadme(spec: ScaffoldSpec): string {
  const id = spec.ids.collector;
  return `# ${spec.name}

An mmsoc-bench plugin (plugin API ${spec.apiVersion}), generated by \`bench plugins init --kind collector\`.

| kind | id | file |
|---|---|---|
| collector | \`${id}\` | \`src/collector.ts\`: takes the posts of a JSONL export into its state folder, each once |

A collector builds a dataset from a source. \`bench collect ${id}\` runs it: each key of its \`options\` schema is
a flag, \`--state\` names the folder it owns (default \`.bench/${id}\`), progress goes to stderr and the summary
to stdout. The errors it ends with are the exit code: \`UsageError\` 2, a \`BenchError\` with
\`EXIT.resumableStop\` 3 (rerun later to continue), \`EXIT.interrupted\` 130, any other error 1.

${DEVELOP_SECTION}## Use it in a project

\`\`\`sh
npx bench plugins add ../${defaultFolder(spec.name)}     # or: npx bench plugins add ${spec.name} once published
npx bench list collectors                # shows ${id}
npx bench collect ${id} --from posts.jsonl --limit 100
\`\`\`

## Versions

\`apiVersion: ${spec.apiVersion}\` in \`src/index.ts\` is the plugin API this code is written for. mmsoc-bench
refuses a plugin whose apiVersion it does not implement and names both versions. See "Versions" in
mmsoc-bench's docs/plugins.md.
`;
}
