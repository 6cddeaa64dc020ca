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

/** A user's project with mmsoc-bench installed as npm links a folder dependency, the sample plugin and `config`. */
function userProject(prefix: string, config: string): string {
  const dir = tempDir(prefix);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PROJECT_DIR, join(dir, 'node_modules', 'mmsoc-bench'));
  writeFileSync(join(dir, 'plugin.ts'), PLUGIN);
  writeFileSync(join(dir, 'bench.config.ts'), config);
  return dir;
}

describe('the compiled CLI in dist/ (built by npm ci / npm run build; npm test builds it first)', () => {
  beforeAll(() => {
    if (!existsSync(join(PROJECT_DIR, 'dist', 'core', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build');
  });

  it('bundles what every start loads: dist/ imports only Node built-ins and the dependencies it loads on first use', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const files = readdirSync(join(PROJECT_DIR, 'dist'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
    // Four entries (the public API, the CLI, the container, the built-ins) and the chunks they share.
    expect(files).toEqual(expect.arrayContaining(['core/index.js', 'core/cli/main.js', 'core/container.js', 'plugins/index.js']));
    const packages = new Set<string>();
    for (const name of files) {
      const code = readFileSync(join(PROJECT_DIR, 'dist', name), 'utf8');
      // esbuild writes static imports and re-exports as statements at the start of a line, with double
      // quotes, dynamic ones as import("x"), and CommonJS requires as __require("x").
      const statement = /^(?:import|export)\s*(?:(?:\{[^}]*\}|\*(?: as [\w$]+)?|[\w$]+(?:\s*,\s*\{[^}]*\})?)\s*from\s*)?"([^"]+)";$/gm;
      const call = /\b(?:import|__require)\("([^"]+)"\)/g;
      const specifiers = [...code.matchAll(statement), ...code.matchAll(call)].map((match) => match[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith('.') || isBuiltin(specifier)) continue;
        packages.add(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
      }
    }
    expect([...packages].filter((name) => !(name in pkg.dependencies))).toEqual([]);
    // The dependencies of every start are inside the bundle, not read module by module from node_modules.
    expect([...packages].filter((name) => ['yargs', 'rxjs', 'zod', 'inversify', 'got', 'lowdb', 'cli-progress', 'lru-cache'].includes(name))).toEqual([]);
    // The scan finds the imports that are there: the packages loaded on first use.
    expect([...packages]).toEqual(expect.arrayContaining(['sharp', 'esbuild', 'hyparquet', 'tsx']));
    expect(files.length).toBeLessThan(100);
  });

  it('prints its own version, in its folder and in a project of another version', async () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { version: string };
    expect(await bench(['--version'], PROJECT_DIR)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const project = tempDir('dist-version');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-project', version: '9.9.9', private: true }));
    expect(await bench(['--version'], project)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it("prints a command's help laid out in columns (the bundle initialises string-width on its first call)", async () => {
    const result = await bench(['run', '--help'], PROJECT_DIR);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^ {6}--shard {4}Evaluate one part of every split/m);
    expect(result.stdout).toMatch(/^ {2}-h, --help {5}Show help {20,}\[boolean\]$/m);
  });

  it('loads a TypeScript config and a TypeScript plugin, evaluates 32 at a time without a listener warning, and writes the HTML report', async () => {
    const dir = userProject('dist-run', CONFIG);
    const result = await bench(['run', '--limit', '40'], dir);
    expect(result).toMatchObject({ code: 0 });
    // Requests in flight each listen to the run's stop signal: Node must not call that a leak.
    expect(result.stderr).not.toContain('MaxListenersExceededWarning');
    const runDir = result.stdout.trim().split('\n').at(-1)!;
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8')) as { results: Record<string, Record<string, Record<string, { value: number }>>> };
    expect(metrics.results.sarcasm?.sarcastic?.['valid-rate']?.value).toBe(1);
    // The page's script is read from the package's core/report/html/, whatever chunk of dist/ renders the page.
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain(readFileSync(join(PROJECT_DIR, 'core', 'report', 'html', 'client.js'), 'utf8').trim().split('\n')[0]);
  }, 60_000);

  it('bundles a TypeScript config with its TypeScript helpers: a folder without "type": "module", import.meta.url and __dirname of each file, nothing left behind', async () => {
    const config = CONFIG.replace("import { defineConfig } from 'mmsoc-bench';", "import { defineConfig } from 'mmsoc-bench';\nimport { RUNS } from './lib/where.js';").replace("output: 'runs'", 'output: RUNS');
    const dir = userProject('dist-ts-config', config);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true }));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(
      join(dir, 'lib', 'where.ts'),
      [
        "import { dirname } from 'node:path';",
        "import { fileURLToPath } from 'node:url';",
        "export const RUNS: string = fileURLToPath(new URL('./runs', import.meta.url));",
        "if (__dirname !== dirname(RUNS) || __filename !== fileURLToPath(import.meta.url)) throw new Error(`__dirname ${__dirname}, __filename ${__filename}`);",
        '',
      ].join('\n'),
    );
    const before = readdirSync(dir).sort();
    const result = await bench(['run', '--limit', '4'], dir);
    expect(result).toMatchObject({ code: 0, stderr: expect.not.stringContaining('Warning') });
    // The helper's import.meta.url is its own file's, not the config's (nor the kept bundle's).
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^${join(dir, 'lib', 'runs')}/`));
    expect(readdirSync(dir).sort()).toEqual([...before, '.bench'].sort());
  }, 60_000);

  it('reports a syntax error in a TypeScript config as one line naming the file and the place, exit 2', async () => {
    const dir = userProject('dist-ts-syntax', CONFIG.replace("tasks: { sarcasm: {} },", "tasks: { sarcasm: {} ,"));
    const result = await bench(['run'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/bench\.config\.ts: cannot load: bench\.config\.ts:\d+:\d+: ERROR: /);
  }, 60_000);

  it('loads a TypeScript config that imports a TypeScript package by name (through tsx, which bundling cannot replace there)', async () => {
    const config = CONFIG.replace("import { defineConfig } from 'mmsoc-bench';", "import { defineConfig } from 'mmsoc-bench';\nimport { LIMIT } from 'ts-only';").replace('tasks: { sarcasm: {} },', 'tasks: { sarcasm: { limit: LIMIT } },');
    const dir = userProject('dist-ts-package', config);
    mkdirSync(join(dir, 'node_modules', 'ts-only'));
    writeFileSync(join(dir, 'node_modules', 'ts-only', 'package.json'), JSON.stringify({ name: 'ts-only', type: 'module', exports: './index.ts' }));
    writeFileSync(join(dir, 'node_modules', 'ts-only', 'index.ts'), 'export const LIMIT: number = 3;\n');
    const result = await bench(['run', '--json'], dir);
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.stringify(JSON.parse(result.stdout))).toContain('"samples":3,');
    expect(readdirSync(dir).filter((name) => name.endsWith('.mjs'))).toEqual([]);
  }, 60_000);

  it('keeps the bundle of a TypeScript config for the next run, and rebuilds it when a file it was built from changes', async () => {
    const config = CONFIG.replace("import { defineConfig } from 'mmsoc-bench';", "import { defineConfig } from 'mmsoc-bench';\nimport { RUNS } from './lib/where.js';").replace("output: 'runs'", 'output: RUNS');
    const dir = userProject('dist-ts-kept', config);
    mkdirSync(join(dir, 'lib'));
    const helper = (folder: string) => writeFileSync(join(dir, 'lib', 'where.ts'), `export const RUNS: string = ${JSON.stringify(join(dir, folder))};\n`);
    const runFolder = async () => {
      const result = await bench(['run', '--limit', '2'], dir);
      expect(result).toMatchObject({ code: 0 });
      return result.stdout.trim().split('\n').at(-1)!;
    };
    helper('first');
    expect(await runFolder()).toMatch(new RegExp(`^${join(dir, 'first')}/`));
    // Replaced by a module of our own, the kept bundle shows whether the next run imports it.
    const kept = join(dir, '.bench', 'bundled', 'bench.config.ts.mjs');
    expect(readFileSync(kept, 'utf8')).toContain('defineConfig');
    writeFileSync(kept, CONFIG.replace("import { defineConfig } from 'mmsoc-bench';", '').replace('defineConfig(', '(').replace("output: 'runs'", `output: ${JSON.stringify(join(dir, 'kept'))}`));
    expect(await runFolder()).toMatch(new RegExp(`^${join(dir, 'kept')}/`));
    // The helper changed (its size too, whatever the clock's resolution): bundled again.
    helper('second-folder');
    expect(await runFolder()).toMatch(new RegExp(`^${join(dir, 'second-folder')}/`));
  }, 60_000);

  it('loads a TypeScript config whose bundle cannot be kept (a file named .bench), leaving nothing behind', async () => {
    const dir = userProject('dist-ts-unkept', CONFIG);
    writeFileSync(join(dir, '.bench'), '');
    const before = readdirSync(dir).sort();
    const result = await bench(['run', '--limit', '2'], dir);
    expect(result).toMatchObject({ code: 0 });
    expect(readdirSync(dir).sort()).toEqual([...before, 'runs'].sort());
  }, 60_000);
});
