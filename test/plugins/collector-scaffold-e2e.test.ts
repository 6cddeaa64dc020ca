import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { benchInProcess, PROJECT_DIR } from '../fixtures/cli.js';
import { tempDir } from '../fixtures/datasets.js';
import { expectScaffoldChecksPass, projectUsingThisCheckout } from '../fixtures/scaffolded-plugin.js';
import { NPM_QUIET, run, succeed } from '../fixtures/shell.js';

const NAME = 'mmsoc-bench-plugin-feeds';
const ID = 'feeds/posts';

describe('a scaffolded collector plugin, end to end', () => {
  const root = tempDir('collector-e2e');
  const plugin = join(root, 'feeds');
  const project = join(root, 'project');
  /** `bench` as the project has it: the bin of its mmsoc-bench dependency. */
  const bench = (...args: string[]) => run(process.execPath, [join(project, 'node_modules', '.bin', 'bench'), ...args], project);

  beforeAll(async () => {
    const init = await benchInProcess(['plugins', 'init', NAME, '--kind', 'collector', '--dir', plugin]);
    expect(init.code).toBe(0);
    expect(init.stdout.split('\n')[0]).toMatch(new RegExp(`^created ${NAME} in .*: collector ${ID}$`));
    // mmsoc-bench is not on the registry: the plugin develops against this checkout, as init's next steps say.
    await succeed('npm', ['install', ...NPM_QUIET, '--save-dev', PROJECT_DIR], plugin);

    await projectUsingThisCheckout(project, 'feeds-project', {
      'export.jsonl': ['{"id": 1, "text": "one"}', '{"id": 2, "text": "two"}', '{"id": 3, "text": "three"}', ''].join('\n'),
    });
    expect(await bench('plugins', 'add', '../feeds')).toMatchObject({ code: 0, stdout: `added ${NAME}@0.1.0: collectors: ${ID}\n` });
  }, 120_000);

  it('type-checks, and its generated tests pass', () => expectScaffoldChecksPass(plugin), 60_000);

  it('bench list collectors shows it beside the built-in youtube collector', async () => {
    const listed = await bench('list', 'collectors');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${ID} +installed ${NAME}@0\\.1\\.0 +Collects posts from a JSONL export`, 'm'));
    expect(listed.stdout).toMatch(/^youtube +built-in/m);
  }, 60_000);

  it('bench collect <its id> takes its own flags, stops resumably at --limit and resumes', async () => {
    const help = await bench('collect', ID, '--help');
    expect(help.stdout).toMatch(/--from +JSONL file of posts to collect/);
    expect(help.stdout).toMatch(/--state .*\[default: "\.bench\/feeds\/posts"\]/s);

    const stopped = await bench('collect', ID, '--from', 'export.jsonl', '--limit', '2');
    expect(stopped.code).toBe(3);
    expect(stopped.stdout).toMatch(/^2 posts added, 2 in .*posts\.jsonl\n$/);
    expect(stopped.stderr).toMatch(/^error: stopped: --limit 2 reached, 1 posts wait; run the same command again$/m);

    const resumed = await bench('collect', ID, '--from', 'export.jsonl');
    expect(resumed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^1 posts added, 3 in /) });
    const lines = readFileSync(join(project, '.bench', 'feeds', 'posts', 'posts.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['1', '2', '3']);
  }, 60_000);

  it('bad flags and bad options exit 2 with one line', async () => {
    const unknown = await bench('collect', ID, '--from', 'export.jsonl', '--bogus');
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: Unknown argument: bogus\n$/) });
    expect(await bench('collect', ID)).toMatchObject({ code: 2, stderr: 'error: feeds/posts: from = missing: expected string, received undefined\n' });
  }, 60_000);
});
