import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { BENCH_BIN, PROJECT_DIR } from '../fixtures/cli.js';
import { tempDir } from '../fixtures/datasets.js';

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node bin/bench.js`, as `npx bench` starts it: no TypeScript loader and no conditions of the test runner. */
function bench(args: readonly string[], cwd: string): Promise<Finished> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', XDG_CACHE_HOME: tempDir('cache') };
  const child = spawn(process.execPath, [BENCH_BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A plugin in TypeScript, as a third party writes one: a model that answers "sarcastic" to everything, after 20 ms. */
const PLUGIN = `import { definePlugin, PLUGIN_API_VERSION, type ModelPlugin } from 'mmsoc-bench';

const sarcastic: ModelPlugin = {
  id: 'demo/sarcastic',
  description: 'answers sarcastic',
  endpoints: 'none',
  options: () => ({}),
  create: () => ({ identity: 'demo/sarcastic', needsImages: false, generate: () => new Promise((resolve) => setTimeout(() => resolve({ text: 'sarcastic' }), 20)) }),
};
export default definePlugin({ apiVersion: PLUGIN_API_VERSION, models: [sarcastic] });
`;

const CONFIG = `import { defineConfig } from 'mmsoc-bench';

export default defineConfig({
  output: 'runs',
  plugins: ['./plugin.ts'],
  models: { sarcastic: { use: 'demo/sarcastic', concurrency: 32 } },
  tasks: { sarcasm: {} },
});
`;

describe('the compiled CLI in dist/ (built by npm ci / npm run build; npm test builds it first)', () => {
  beforeAll(() => {
    if (!existsSync(join(PROJECT_DIR, 'dist', 'core', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build');
  });

  it('ships each core/vendor module bundled with its dependency: it imports and requires only Node built-ins', () => {
    const vendored = readdirSync(join(PROJECT_DIR, 'core', 'vendor')).map((name) => name.replace(/\.ts$/, '.js'));
    expect(vendored).toEqual(expect.arrayContaining(['got.js', 'inversify.js']));
    for (const name of vendored) {
      const code = readFileSync(join(PROJECT_DIR, 'dist', 'core', 'vendor', name), 'utf8');
      // esbuild writes the imports (and re-exports) it leaves at the start of a line, and CommonJS requires as __require("...").
      const loaded = [...code.matchAll(/^(?:import|export)\b[^;]*?["']([^"']+)["']|__require\("([^"]+)"\)/gm)].map((match) => match[1] ?? match[2]!);
      expect(loaded.length).toBeGreaterThan(0);
      expect({ name, packages: loaded.filter((specifier) => !isBuiltin(specifier)) }).toEqual({ name, packages: [] });
    }
  });

  it('prints its version', async () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { version: string };
    expect(await bench(['--version'], PROJECT_DIR)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('loads a TypeScript config and a TypeScript plugin, evaluates 32 at a time without a listener warning, and writes the HTML report', async () => {
    // A user's project, with mmsoc-bench installed as npm links a folder dependency.
    const dir = tempDir('dist-run');
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(PROJECT_DIR, join(dir, 'node_modules', 'mmsoc-bench'));
    writeFileSync(join(dir, 'plugin.ts'), PLUGIN);
    writeFileSync(join(dir, 'bench.config.ts'), CONFIG);
    const result = await bench(['run', '--limit', '40'], dir);
    expect(result).toMatchObject({ code: 0 });
    // Requests in flight each listen to the run's stop signal: Node must not call that a leak.
    expect(result.stderr).not.toContain('MaxListenersExceededWarning');
    const runDir = result.stdout.trim().split('\n').at(-1)!;
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8')) as { results: Record<string, Record<string, Record<string, { value: number }>>> };
    expect(metrics.results.sarcasm?.sarcastic?.['valid-rate']?.value).toBe(1);
    // The page's script is a file next to the report module, copied into dist/ by the build.
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain(readFileSync(join(PROJECT_DIR, 'core', 'report', 'html', 'client.js'), 'utf8').trim().split('\n')[0]);
  }, 60_000);
});
