import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { UsageError } from '../errors.js';
import type { PluginOrigin } from './plugin-source.js';
import type { PluginRegistry } from './registry.js';

/**
 * Where a plugin comes from, as `bench plugins list` shows it: an origin kind, or `added` for an
 * installed package that `bench plugins add` installed.
 */
export type PluginSource = PluginOrigin['kind'] | 'added';

export interface RecordedPlugin {
  name: string;
  version: string | null;
  apiVersion: number;
  source: PluginSource;
  origin: string;
  tasks: string[];
  models: string[];
  metrics: string[];
  collectors: string[];
}

/**
 * A package `bench plugins add` installed. The dependency itself lives in the project's package.json
 * (so `npm ci` restores it and discovery finds it); this entry remembers what was asked for.
 */
export interface AddedPlugin {
  /** What the user passed: an npm spec, or a path relative to the project folder. */
  spec: string;
  /** The npm package name the spec installed. */
  name: string;
  addedAt: string;
}

export interface RegistryRecord {
  updatedAt: string;
  plugins: RecordedPlugin[];
  problems: string[];
  added: AddedPlugin[];
}

export function registryRecordPath(projectDir: string): string {
  return join(projectDir, '.bench', 'registry.json');
}

async function openRecord(path: string): Promise<Low<RegistryRecord>> {
  const db = new Low<RegistryRecord>(new JSONFile(path), { updatedAt: '', plugins: [], problems: [], added: [] });
  try {
    await db.read();
  } catch (error) {
    throw new UsageError(
      `${path}: cannot read the registry record (${(error as Error).message}); delete it: discovery rebuilds it, and added plugins stay in package.json`,
    );
  }
  // Records written before `added` existed lack it.
  db.data.added ??= [];
  return db;
}

function pluginSource(origin: PluginOrigin, added: readonly AddedPlugin[]): PluginSource {
  return origin.kind === 'installed' && added.some((entry) => entry.name === origin.name) ? 'added' : origin.kind;
}

/** Every plugin the registry loaded, with its source, version, apiVersion and ids. */
export function describePlugins(registry: PluginRegistry, added: readonly AddedPlugin[]): RecordedPlugin[] {
  const ids = (items: readonly { id: string }[] | undefined) => (items ?? []).map((p) => p.id);
  return registry.plugins.map(({ definition, origin }) => ({
    name: definition.name,
    version: definition.version ?? origin.version ?? null,
    apiVersion: definition.apiVersion,
    source: pluginSource(origin, added),
    origin: origin.name,
    tasks: ids(definition.tasks),
    models: ids(definition.models),
    metrics: ids(definition.metrics),
    collectors: ids(definition.collectors),
  }));
}

/** Saves what discovery found (lowdb), so `bench plugins list` and support requests can show it. */
export async function saveRegistryRecord(path: string, registry: PluginRegistry, now: Date): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const db = await openRecord(path);
  db.data = {
    updatedAt: now.toISOString(),
    plugins: describePlugins(registry, db.data.added),
    problems: registry.problems,
    added: db.data.added,
  };
  await db.write();
}

export async function readAddedPlugins(path: string): Promise<AddedPlugin[]> {
  return (await openRecord(path)).data.added;
}

/** Records an added package, replacing an earlier entry for the same package. */
export async function recordAddedPlugin(path: string, entry: AddedPlugin): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const db = await openRecord(path);
  db.data.added = [...db.data.added.filter((e) => e.name !== entry.name), entry];
  await db.write();
}

export async function forgetAddedPlugin(path: string, name: string): Promise<void> {
  const db = await openRecord(path);
  db.data.added = db.data.added.filter((e) => e.name !== name);
  await db.write();
}
