import type { HostVersions } from './host-versions.js';

/** What `bench plugins init --kind` creates: a task, a model and a metric, or a collector. */
export const SCAFFOLD_KINDS = ['evaluation', 'collector'] as const;
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

/** What one scaffolded plugin is called and built against; every template renders from this. */
export interface ScaffoldSpec {
  readonly kind: ScaffoldKind;
  /** npm package name. */
  readonly name: string;
  /** The plugin API version the plugin is written for (the current one when it is generated). */
  readonly apiVersion: number;
  readonly versions: HostVersions;
  readonly ids: { readonly task: string; readonly model: string; readonly metric: string; readonly collector: string };
}
