import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { PluginRegistry } from './registry.js';

export interface RegistryRecord {
  updatedAt: string;
  plugins: Array<{
    name: string;
    version: string | null;
    apiVersion: number;
    source: string;
    origin: string;
    tasks: string[];
    models: string[];
    metrics: string[];
    collectors: string[];
  }>;
  problems: string[];
}

/** Saves what discovery found (lowdb), so `bench plugins list` and support requests can show it. */
export async function saveRegistryRecord(path: string, registry: PluginRegistry, now: Date): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const ids = (items: readonly { id: string }[] | undefined) => (items ?? []).map((p) => p.id);
  const db = new Low<RegistryRecord>(new JSONFile(path), { updatedAt: '', plugins: [], problems: [] });
  db.data = {
    updatedAt: now.toISOString(),
    plugins: registry.plugins.map(({ definition, origin }) => ({
      name: definition.name,
      version: definition.version ?? origin.version ?? null,
      apiVersion: definition.apiVersion,
      source: origin.kind,
      origin: origin.name,
      tasks: ids(definition.tasks),
      models: ids(definition.models),
      metrics: ids(definition.metrics),
      collectors: ids(definition.collectors),
    })),
    problems: registry.problems,
  };
  await db.write();
}
