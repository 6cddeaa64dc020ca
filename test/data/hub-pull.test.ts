import { afterAll, afterEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yargs from 'yargs';
import { openDatasetSource } from '../../core/data/open-source.js';
import { makeDataPullCommand, type PullArgs } from '../../core/data/pull-command.js';
import { tempDir } from '../fixtures/datasets.js';
import { startFakeHub, type FakeHub, type FakeHubOptions, type HubFile } from '../fixtures/hub-server.js';
import { makeRows, writeParquet } from './parquet-fixture.js';

const REPO = 'Ahren09/MMSoc_Test';
const TRAIN_0 = 'data/train-00000-of-00002.parquet';
const TRAIN_1 = 'data/train-00001-of-00002.parquet';
const VALIDATION = 'data/validation-00000-of-00001.parquet';

const dirs: string[] = [];
function scratch(): string {
  const dir = tempDir('pull');
  dirs.push(dir);
  return dir;
}

function parquetBytes(first: number, count: number): Uint8Array {
  const path = join(scratch(), 'shard.parquet');
  writeParquet(path, makeRows(count, { first, imageBytes: 20_000 }), { rowGroupSize: 5 });
  return new Uint8Array(readFileSync(path));
}

const FILES: HubFile[] = [
  { path: '.gitattributes', content: new TextEncoder().encode('*.parquet filter=lfs diff=lfs merge=lfs -text\n') },
  { path: 'README.md', content: new TextEncoder().encode('---\nconfigs:\n- config_name: default\n---\n# test\n') },
  { path: TRAIN_0, content: parquetBytes(0, 20), lfs: true },
  { path: TRAIN_1, content: parquetBytes(20, 20), lfs: true },
  { path: VALIDATION, content: parquetBytes(100, 10), lfs: true },
];
const content = (path: string) => FILES.find((file) => file.path === path)!.content;
/** Compared by digest: jest's deep equality walks a typed array element by element, slowly. */
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const digestOf = (path: string) => digest(readFileSync(path));

let hub: FakeHub | undefined;
async function serve(options: Partial<FakeHubOptions> = {}): Promise<FakeHub> {
  hub = await startFakeHub({ repo: REPO, files: FILES, ...options });
  return hub;
}
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface PullRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function pull(cwd: string, args: Partial<PullArgs> = {}, env: Record<string, string> = {}, idleTimeoutMs = 5_000): Promise<PullRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const vars: Record<string, string> = { HF_ENDPOINT: hub!.url, ...env };
  const command = makeDataPullCommand({
    env: { get: (name) => vars[name] },
    stderr: { isTTY: false, write: (text) => void stderr.push(text) },
    stdout: (text) => void stdout.push(text),
    cwd: () => cwd,
    clock: { now: () => Date.now(), sleep: async () => {} },
    pull: { idleTimeoutMs },
  });
  const code = await command.handler({ hubId: REPO, revision: 'main', ...args });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

/** Requests for a file's bytes, not counting the one-byte probes that ask where and how big. */
const contentRequests = (server: FakeHub) => server.requests.filter((request) => request.url.startsWith('/cdn/') && request.range !== 'bytes=0-0');

describe('bench data pull', () => {
  test('downloads the repository into data/<name>, verified, as a folder openDatasetSource reads', async () => {
    const server = await serve({ pageSize: 2 });
    const cwd = scratch();
    const run = await pull(cwd);

    const out = join(cwd, 'data', 'MMSoc_Test');
    expect(run).toMatchObject({ code: 0, stdout: `${out}\n` });
    expect(filesUnder(out)).toEqual(FILES.map((file) => file.path).sort());
    for (const file of FILES) expect(digestOf(join(out, file.path))).toBe(digest(file.content));
    // The listing came in pages of two and every page was followed.
    expect(server.requests.filter((request) => request.url.startsWith("/api/")).length).toBe(3);
    expect(run.stderr).toContain(`${TRAIN_0}: done`);
    expect(run.stderr).toContain('5 downloaded, 0 already complete, 0 failed');

    const rows: unknown[] = [];
    for await (const row of openDatasetSource({ path: out }, cwd).rows('train')) rows.push((row as { id: string }).id);
    expect(rows).toEqual(makeRows(40).map((row) => row.id));
  });

  test('--include fetches only the files it matches', async () => {
    const server = await serve();
    const cwd = scratch();
    const run = await pull(cwd, { include: ['data/validation-*'], out: 'hm' });
    expect(run.code).toBe(0);
    expect(filesUnder(join(cwd, 'hm'))).toEqual([VALIDATION]);
    expect(server.requests.some((request) => request.url.includes('train'))).toBe(false);
  });

  test('a dropped connection is resumed from where it stopped, asking only for the rest', async () => {
    const server = await serve({ interruptOnce: [{ path: TRAIN_0, afterBytes: 100_000, mode: 'drop' }] });
    const cwd = scratch();
    const run = await pull(cwd, { include: [TRAIN_0], out: 'ds' });

    expect(run.code).toBe(0);
    expect(digestOf(join(cwd, 'ds', TRAIN_0))).toBe(digest(content(TRAIN_0)));
    const [first, second, ...more] = contentRequests(server);
    expect(first!.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(second!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(100_000);
    expect(more).toEqual([]);
    expect(run.stderr).toMatch(/connection lost after [\d.]+ kB of [\d.]+ kB \(terminated.*\); retrying/);
    expect(run.stderr).toContain('(resumed at');
  });

  test('a connection that goes silent is given up after the idle timeout and resumed', async () => {
    const server = await serve({ interruptOnce: [{ path: VALIDATION, afterBytes: 50_000, mode: 'stall' }] });
    const cwd = scratch();
    const run = await pull(cwd, { include: [VALIDATION], out: 'ds' }, {}, 1_000);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('no data for 1000 ms');
    expect(digestOf(join(cwd, 'ds', VALIDATION))).toBe(digest(content(VALIDATION)));
    expect(contentRequests(server).map((request) => request.range)).toEqual([undefined, expect.stringMatching(/^bytes=[1-9]\d*-$/)]);
  });

  test.each([
    ['a partial .part is continued with a Range request', 123_456, ['bytes=123456-']],
    ['a complete .part (stopped before its check) is only verified', 'all', []],
    ['a .part longer than the file is discarded and fetched anew', 'too long', [undefined]],
  ] as const)('%s', async (_, left, ranges) => {
    const server = await serve();
    const cwd = scratch();
    const bytes = content(TRAIN_1);
    const part = left === 'all' ? bytes : left === 'too long' ? new Uint8Array(bytes.length + 10) : bytes.subarray(0, left);
    mkdirSync(join(cwd, 'ds', 'data'), { recursive: true });
    writeFileSync(join(cwd, 'ds', `${TRAIN_1}.part`), part);
    const run = await pull(cwd, { include: [TRAIN_1], out: 'ds' });
    expect(run.code).toBe(0);
    expect(contentRequests(server).map((request) => request.range)).toEqual(ranges);
    expect(digestOf(join(cwd, 'ds', TRAIN_1))).toBe(digest(bytes));
    expect(existsSync(join(cwd, 'ds', `${TRAIN_1}.part`))).toBe(false);
  });

  test('files already complete are not fetched again', async () => {
    const server = await serve();
    const cwd = scratch();
    expect((await pull(cwd)).code).toBe(0);
    const before = server.requests.length;
    const again = await pull(cwd);
    expect(again.code).toBe(0);
    expect(server.requests.slice(before).every((request) => request.url.startsWith('/api/'))).toBe(true);
    expect(again.stderr).toContain(`${TRAIN_0}: already complete`);
    expect(again.stderr).toContain('0 downloaded, 5 already complete, 0 failed');
  });

  test('bytes that do not match the listed sha256 are reported and discarded; the other files still arrive', async () => {
    const wrong = 'ab'.repeat(32);
    await serve({ files: FILES.map((file) => (file.path === VALIDATION ? { ...file, advertisedSha256: wrong } : file)) });
    const cwd = scratch();
    const run = await pull(cwd, { out: 'ds' });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${VALIDATION}: failed: sha256 mismatch (expected ${wrong}, got `);
    expect(run.stderr).toContain('4 downloaded, 0 already complete, 1 failed (run the command again to resume)');
    expect(existsSync(join(cwd, 'ds', VALIDATION))).toBe(false);
    expect(existsSync(join(cwd, 'ds', `${VALIDATION}.part`))).toBe(false);
    expect(existsSync(join(cwd, 'ds', TRAIN_0))).toBe(true);
  });

  test('a listed path that would leave the output folder is refused, not written', async () => {
    await serve({ files: [...FILES, { path: '../escape.txt', content: new TextEncoder().encode('x') }] });
    const cwd = scratch();
    const run = await pull(cwd, { out: 'ds' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`../escape.txt: failed: path '../escape.txt' is outside the dataset folder ${join(cwd, 'ds')}`);
    expect(existsSync(join(cwd, 'escape.txt'))).toBe(false);
  });

  test('HF_TOKEN goes to the Hub as a bearer token and never into the output', async () => {
    const token = 'hf_SeCrEtToKeN123456';
    const server = await serve({ token });
    const cwd = scratch();
    const run = await pull(cwd, { include: ['README.md', VALIDATION] }, { HF_TOKEN: token });

    expect(run.code).toBe(0);
    const hubRequests = server.requests.filter((request) => !request.url.startsWith('/cdn/'));
    expect(hubRequests.length).toBeGreaterThan(0);
    expect(hubRequests.every((request) => request.authorization === `Bearer ${token}`)).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  test('a rejected token fails with the reason, and is masked even where the server echoes it back', async () => {
    await serve({ token: 'hf_theRightOne000' });
    const wrong = 'hf_wrongTokenValue42';
    const run = await pull(scratch(), {}, { HF_TOKEN: wrong });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: cannot list dataset Ahren09/MMSoc_Test at main: Invalid credentials in Authorization header: Bearer ***');
    expect(run.stdout + run.stderr).not.toContain(wrong);
  });

  test('a private dataset without a token gets a hint', async () => {
    await serve({ token: 'hf_theRightOne000' });
    const run = await pull(scratch());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(private or gated? set HF_TOKEN)');
  });

  test('usage errors exit 2 with one line: a malformed id, an --include that matches nothing, a bad HF_ENDPOINT', async () => {
    await serve();
    const cwd = scratch();
    expect(await pull(cwd, { hubId: 'not-an-id' })).toMatchObject({ code: 2, stderr: "error: 'not-an-id' is not a dataset id (expected owner/name)\n" });
    const nothing = await pull(cwd, { include: ['data/test-*'] });
    expect(nothing).toMatchObject({ code: 2, stderr: "error: no file of Ahren09/MMSoc_Test at main matches --include 'data/test-*'\n" });
    expect(await pull(cwd, {}, { HF_ENDPOINT: 'ftp://example' })).toMatchObject({ code: 2, stderr: 'error: HF_ENDPOINT must be an http(s) URL: ftp://example\n' });
  });

  test('an unknown revision fails listing with the Hub’s reason', async () => {
    await serve();
    const run = await pull(scratch(), { revision: 'v9' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: cannot list dataset Ahren09/MMSoc_Test at v9: Invalid rev id: v9');
  });

  test('the yargs command takes the hub id, repeated --include, --out and a default revision', async () => {
    const command = makeDataPullCommand({
      env: { get: () => undefined },
      stderr: { isTTY: false, write: () => {} },
      stdout: () => {},
      cwd: () => '/',
      clock: { now: () => 0, sleep: async () => {} },
    });
    let seen: PullArgs | undefined;
    await yargs(['pull', 'owner/name', '--include', 'data/validation-*', '--include', 'README.md', '--out', 'here'])
      .command({ ...command, handler: async (argv: PullArgs) => void (seen = argv) })
      .strict()
      .parseAsync();
    expect(seen).toMatchObject({ hubId: 'owner/name', include: ['data/validation-*', 'README.md'], out: 'here', revision: 'main' });
  });
});
