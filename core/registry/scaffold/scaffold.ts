import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PLUGIN_API_VERSION } from '../../contracts/plugin.js';
import { UsageError } from '../../errors.js';
import { collectorIndexSource, collectorReadme, collectorSource, collectorTest } from './collector-files.js';
import { hostVersions } from './host-versions.js';
import { gitignore, packageJson, tsconfigJson } from './package-files.js';
import { idPrefix } from './plugin-name.js';
import { readme } from './readme.js';
import { sampleFiles } from './sample-data.js';
import { indexSource, metricSource, modelSource, taskSource } from './source-files.js';
import type { ScaffoldKind, ScaffoldSpec } from './spec.js';
import { metricTest, modelTest, taskTest } from './test-files.js';

export function scaffoldSpec(name: string, kind: ScaffoldKind = 'evaluation'): ScaffoldSpec {
  const prefix = idPrefix(name);
  return {
    kind,
    name,
    apiVersion: PLUGIN_API_VERSION,
    versions: hostVersions(),
    ids: { task: `${prefix}/sarcasm`, model: `${prefix}/keyword`, metric: `${prefix}/label-coverage`, collector: `${prefix}/posts` },
  };
}

/** Every file of a new plugin package, keyed by its path in the package. */
export async function scaffoldFiles(spec: ScaffoldSpec): Promise<Map<string, string | Uint8Array>> {
  const common: [string, string][] = [
    ['package.json', packageJson(spec)],
    ['tsconfig.json', tsconfigJson()],
    ['.gitignore', gitignore()],
  ];
  if (spec.kind === 'collector') {
    return new Map<string, string | Uint8Array>([
      ...common,
      ['README.md', collectorReadme(spec)],
      ['src/index.ts', collectorIndexSource(spec)],
      ['src/collector.ts', collectorSource(spec)],
      ['test/collector.test.ts', collectorTest()],
    ]);
  }
  return new Map<string, string | Uint8Array>([
    ...common,
    ['README.md', readme(spec)],
    ['src/index.ts', indexSource(spec)],
    ['src/task.ts', taskSource(spec)],
    ['src/model.ts', modelSource(spec)],
    ['src/metric.ts', metricSource(spec)],
    ['test/task.test.ts', taskTest()],
    ['test/model.test.ts', modelTest()],
    ['test/metric.test.ts', metricTest(spec)],
    ...(await sampleFiles()),
  ]);
}

/** Writes the files into `dir`, which must be missing or empty: a scaffold never overwrites work. */
export function writeScaffold(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} already exists and is not empty; pass another folder with --dir`);
  for (const [path, content] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
