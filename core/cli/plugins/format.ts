import type { RecordedPlugin } from '../../registry/record.js';

const KINDS = ['tasks', 'models', 'metrics', 'collectors'] as const;

/** `tasks: a, b; models: c`, leaving out kinds the plugin has none of. */
export function idSummary(plugin: RecordedPlugin): string {
  const parts = KINDS.filter((kind) => plugin[kind].length > 0).map((kind) => `${kind}: ${plugin[kind].join(', ')}`);
  return parts.length ? parts.join('; ') : 'no tasks, models, metrics or collectors';
}

/** Header line and one line per kind, for `bench plugins list`. */
export function pluginLines(plugin: RecordedPlugin): string[] {
  const source = plugin.source === 'builtin' ? 'built-in' : plugin.origin === plugin.name ? plugin.source : `${plugin.source} ${plugin.origin}`;
  const header = `${plugin.name}@${plugin.version ?? '?'}  ${source}  apiVersion ${plugin.apiVersion}`;
  const width = Math.max(...KINDS.map((kind) => kind.length));
  return [header, ...KINDS.filter((kind) => plugin[kind].length > 0).map((kind) => `  ${kind.padEnd(width)}  ${plugin[kind].join(', ')}`)];
}
