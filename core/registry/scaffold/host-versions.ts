import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../../run/package-dir.js';

/** Versions a scaffolded plugin depends on, taken from this mmsoc-bench so both build with the same tools. */
export interface HostVersions {
  /** This mmsoc-bench's version: the plugin's peer dependency range starts here. */
  readonly bench: string;
  readonly typescript: string;
  readonly tsx: string;
  readonly typesNode: string;
  readonly node: string;
}

interface HostPackage {
  version: string;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`mmsoc-bench's package.json lacks ${what}; reinstall mmsoc-bench`);
  return value;
}

export function hostVersions(): HostVersions {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as HostPackage;
  return {
    bench: pkg.version,
    typescript: required(pkg.devDependencies.typescript, 'devDependencies.typescript'),
    tsx: required(pkg.dependencies.tsx, 'dependencies.tsx'),
    typesNode: required(pkg.devDependencies['@types/node'], "devDependencies['@types/node']"),
    node: pkg.engines.node,
  };
}
