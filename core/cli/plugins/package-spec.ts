import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { invalidPackageName } from '../../registry/scaffold/plugin-name.js';

/** What `bench plugins add` was given: a package folder or tarball on disk, or an npm spec. */
export type PluginSpec =
  | { readonly kind: 'path'; readonly path: string; readonly install: string }
  | { readonly kind: 'npm'; readonly name: string; readonly install: string };

export function looksLikePath(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec) || /\.(tgz|tar\.gz)$/.test(spec);
}

/** Reads a spec as npm would: paths relative to `cwd`; otherwise `name`, `name@range`, `@scope/name@range`. */
export function parsePluginSpec(spec: string, cwd: string): PluginSpec {
  if (looksLikePath(spec)) {
    const path = resolve(cwd, spec);
    if (!existsSync(path)) throw new UsageError(`plugin path ${spec} does not exist (resolved to ${path})`);
    return { kind: 'path', path, install: path };
  }
  const versionAt = spec.indexOf('@', 1);
  const name = versionAt === -1 ? spec : spec.slice(0, versionAt);
  if (invalidPackageName(name)) {
    throw new UsageError(`cannot tell the package name of '${spec}'; pass name[@version], a package folder or a tarball (.tgz)`);
  }
  return { kind: 'npm', name, install: spec };
}

/** How the record keeps a spec: paths relative to the project folder, so the project can move. */
export function recordedSpec(spec: PluginSpec, projectDir: string): string {
  return spec.kind === 'path' ? relative(projectDir, spec.path) : spec.install;
}

interface ProjectManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The project's dependencies (all kinds), by name. A project without package.json cannot record plugins. */
export function projectDependencies(projectDir: string): Record<string, string> {
  const file = join(projectDir, 'package.json');
  if (!existsSync(file)) {
    throw new UsageError(`${projectDir} has no package.json; create one (npm init -y) so added plugins are kept as dependencies`);
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ProjectManifest;
  return { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies };
}

/** The package npm installed for `spec`: named by the spec, or the dependency whose `file:` points at the path. */
export function installedPackageName(spec: PluginSpec, projectDir: string): string {
  if (spec.kind === 'npm') return spec.name;
  const match = Object.entries(projectDependencies(projectDir)).find(
    ([, range]) => range.startsWith('file:') && resolve(projectDir, range.slice('file:'.length)) === spec.path,
  );
  if (!match) throw new UsageError(`npm installed ${spec.path} but package.json has no file: dependency on it; add it with npm install ${spec.path}`);
  return match[0];
}
