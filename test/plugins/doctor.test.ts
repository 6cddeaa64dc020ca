import { describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';
import { metricMembers, pluginModule, projectWith } from './projects.js';

/** A task as a plain object: the members the registry requires, reporting `metrics`. */
function taskMembers(id: string, metrics: readonly string[]): string {
  return `tasks: [{ id: '${id}', version: '1', description: 't', dataset: {}, splits: { eval: 'test' }, metrics: ${JSON.stringify(metrics)},
    load: async function* () {}, prompt: () => [], parse: () => ({ value: null, valid: false }), answer: () => '' }]`;
}

describe('bench plugins doctor', () => {
  it('passes the built-ins alone with exit code 0', async () => {
    const { config } = projectWith({});
    const result = await benchInProcess(['plugins', 'doctor', '-c', config]);
    expect(result).toMatchObject({ code: 0, stdout: '1 plugin loaded; no problems\n' });
  });

  it("reports each plugin's own self-check lines, and a self-check that throws", async () => {
    const { config } = projectWith({
      'checked.ts': pluginModule('checked', `${metricMembers('m1')}, selfCheck: async () => ['model file /x/y.bin is missing; run npm run fetch-model']`),
      'crashing.ts': pluginModule('crashing', `${metricMembers('m2')}, selfCheck: () => { throw new Error('no GPU here'); }`),
      'fine.ts': pluginModule('fine', `${metricMembers('m3')}, selfCheck: () => []`),
    });
    const result = await benchInProcess(['plugins', 'doctor', '-c', config]);
    expect(result.code).toBe(2);
    expect(result.stdout.trim().split('\n')).toEqual([
      'config ./checked.ts: model file /x/y.bin is missing; run npm run fetch-model',
      "config ./crashing.ts: selfCheck failed (no GPU here); fix the plugin's selfCheck or report it to the plugin's author",
      '4 plugins loaded; 2 problems (above)',
    ]);
  });

  it('finds task metrics that no plugin defines, suggesting the close one', async () => {
    const { config } = projectWith({ 'typo.ts': pluginModule('typo', taskMembers('typo-task', ['accuracy', 'acuracy'])) });
    const result = await benchInProcess(['plugins', 'doctor', '-c', config]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      "config ./typo.ts: task 'typo-task' reports metric 'acuracy', which no plugin defines; did you mean 'accuracy'?; fix the id in the task's metrics or add the plugin that defines it\n",
    );
  });

  it('reports a plugin without a name', async () => {
    const { config } = projectWith({ 'nameless.ts': `export default { apiVersion: 1, ${metricMembers('m4')} };\n` });
    const result = await benchInProcess(['plugins', 'doctor', '-c', config]);
    expect(result.stdout).toContain("config ./nameless.ts: has no name; set name in definePlugin({ name: '<package name>', ... })\n");
    expect(result.code).toBe(2);
  });
});
