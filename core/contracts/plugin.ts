import type { CollectorPlugin } from './collector.js';
import type { MetricPlugin } from './metric.js';
import type { ModelPlugin } from './model.js';
import type { TaskPlugin } from './task.js';

/**
 * The plugin API version this core implements. A plugin declares the version it was written for;
 * the registry refuses any other. Bumped only on breaking changes of the contracts.
 */
export const PLUGIN_API_VERSION = 1;

export interface PluginDefinition {
  readonly apiVersion: number;
  readonly name: string;
  readonly version?: string;
  // Plugin authors' generics vary per task/model; the registry only needs the shared shape.
  readonly tasks?: readonly TaskPlugin<any, any>[];
  readonly models?: readonly ModelPlugin<any>[];
  readonly metrics?: readonly MetricPlugin[];
  readonly collectors?: readonly CollectorPlugin<any>[];
  /**
   * Checks what the registry cannot see: shipped data files, a tool on PATH, a model file. Returns one
   * line per problem, each saying what to do; `bench plugins doctor` reports them with the plugin's name.
   * Optional, so adding it kept apiVersion 1 (an additive change).
   */
  selfCheck?(): Promise<string[]> | string[];
}

/** Declares a plugin package: its default export. */
export function definePlugin(definition: PluginDefinition): PluginDefinition {
  return definition;
}
