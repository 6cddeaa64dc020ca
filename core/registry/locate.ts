import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { PACKAGE_DIR } from '../run/package-dir.js';
import type { PluginOrigin } from './plugin-source.js';

/** The package.json field that marks an installed npm package as an mmsoc-bench plugin. */
export const PLUGIN_FIELD = 'mmsocBench';

interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [PLUGIN_FIELD]?: { plugin?: string };
}

function readPackage(dir: string): PackageJson | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** Finds `node_modules/<name>` from `fromDir` upwards, as Node's resolution does. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function exportedEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (!exports || typeof exports !== 'object') return undefined;
  const root = (exports as Record<string, unknown>)['.'] ?? exports;
  if (typeof root === 'string') return root;
  if (root && typeof root === 'object') {
    const conditions = root as Record<string, unknown>;
    for (const key of ['import', 'default', 'node']) {
      const value = conditions[key];
      if (typeof value === 'string') return value;
      const nested = exportedEntry(value);
      if (nested) return nested;
    }
  }
  return undefined;
}

function packageOrigin(kind: 'config' | 'installed', name: string, dir: string, pkg: PackageJson): PluginOrigin {
  const entry = pkg[PLUGIN_FIELD]?.plugin ?? exportedEntry(pkg.exports) ?? pkg.main ?? 'index.js';
  return { kind, name, entry: join(dir, entry), version: pkg.version };
}

/**
 * Resolves one entry of the config's `plugins` list: a path (relative to the config file) to a
 * module or package folder, or an npm package name installed for the project.
 */
export function locateConfigPlugin(spec: string, configDir: string): PluginOrigin {
  const looksLikePath = spec.startsWith('.') || isAbsolute(spec);
  if (looksLikePath) {
    const path = resolve(configDir, spec);
    if (!existsSync(path)) throw new Error(`plugin path ${spec} does not exist (resolved to ${path})`);
    const pkg = readPackage(path);
    return pkg ? packageOrigin('config', spec, path, pkg) : { kind: 'config', name: spec, entry: path };
  }
  const dir = packageDir(spec, configDir);
  const pkg = dir ? readPackage(dir) : undefined;
  if (!dir || !pkg) throw new Error(`plugin package ${spec} is not installed (run npm install ${spec})`);
  return packageOrigin('config', spec, dir, pkg);
}

/** Packages the project depends on whose package.json declares the plugin field. */
export function installedPlugins(projectDir: string): PluginOrigin[] {
  const project = readPackage(projectDir);
  if (!project) return [];
  const names = Object.keys({ ...project.dependencies, ...project.devDependencies, ...project.optionalDependencies });
  const found: PluginOrigin[] = [];
  for (const name of names.sort()) {
    const dir = packageDir(name, projectDir);
    const pkg = dir ? readPackage(dir) : undefined;
    if (dir && pkg?.[PLUGIN_FIELD]) found.push(packageOrigin('installed', name, dir, pkg));
  }
  return found;
}

/**
 * This package's own version (`bench --version`, the built-in plugins' origin): read from its
 * package.json, as yargs would only find the package.json of the folder the CLI runs in.
 */
export function ownVersion(): string {
  const pkg = readPackage(PACKAGE_DIR);
  return pkg?.version ?? '0.0.0';
}
