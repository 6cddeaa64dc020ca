import type { HostVersions } from './host-versions.js';

/** What one scaffolded plugin is called and built against; every template renders from this. */
export interface ScaffoldSpec {
  /** npm package name. */
  readonly name: string;
  /** The plugin API version the plugin is written for (the current one when it is generated). */
  readonly apiVersion: number;
  readonly versions: HostVersions;
  readonly ids: { readonly task: string; readonly model: string; readonly metric: string };
}
