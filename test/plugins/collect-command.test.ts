import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { benchInProcess, PROJECT_DIR } from '../fixtures/cli.js';
import { projectWith } from './projects.js';

/** A config plugin with a working collector and one whose options no flag can carry. */
function feedsProject(): { config: string } {
  const api = join(PROJECT_DIR, 'core', 'index.ts');
  return projectWith({
    'feeds.ts': `import { BenchError, EXIT, Observable, z } from '${api}';

const echo = {
  id: 'feeds/echo',
  description: 'Says a word',
  options: z.object({ word: z.string().describe('Word to say'), times: z.number().default(1) }),
  run: (options: { word: string; times?: number }, context: { stateDir: string }) =>
    new Observable((subscriber) => {
      subscriber.next({ phase: 'summary', done: 1, message: \`said \${options.word} x\${options.times} into \${context.stateDir}\` });
      if (options.word === 'stop') subscriber.error(new BenchError('stopped: budget spent', EXIT.resumableStop));
      else subscriber.complete();
    }),
};

const broken = { id: 'feeds/broken', description: 'Bad options', options: z.object({ nested: z.object({}) }), run: () => new Observable() };

export default { apiVersion: 1, name: 'feeds', collectors: [echo, broken] };
`,
  });
}

describe('bench collect <id> dispatches through the registry', () => {
  it("runs a config plugin's collector with its own flags and maps its error to the exit code", async () => {
    const { config } = feedsProject();
    const said = await benchInProcess(['collect', 'feeds/echo', '-c', config, '--word', 'hi', '--times', '2', '--state', 'st']);
    expect(said).toMatchObject({ code: 0, stdout: 'said hi x2 into st\n' });
    const stopped = await benchInProcess(['collect', 'feeds/echo', '-c', config, '--word', 'stop']);
    expect(stopped).toMatchObject({ code: 3, stdout: 'said stop x1 into .bench/feeds/echo\n' });
    expect(stopped.stderr).toMatch(/^error: stopped: budget spent$/m);
  });

  it('reports a collector whose options make no flags, and still runs the others', async () => {
    const { config } = feedsProject();
    const result = await benchInProcess(['collect', 'feeds/broken', '-c', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('warn: collector feeds/broken: option nested has type object; a flag carries a string, number, boolean, enum or a list of strings or numbers\n');
    expect(result.stderr).toMatch(/^error: Name a registered collector: feeds\/echo, youtube \(bench list collectors\)$/m);
  });

  it('bench list collectors shows the built-in youtube collector and the config plugin\'s', async () => {
    const { config } = feedsProject();
    const listed = await benchInProcess(['list', 'collectors', '-c', config]);
    expect(listed.stdout).toMatch(/^feeds\/echo +config \.\/feeds\.ts +Says a word$/m);
    expect(listed.stdout).toMatch(/^youtube +built-in \(mmsoc-bench@[\d.]+\) +Builds and refreshes the tagging dataset/m);
  });
});
