import type { PluginDefinition } from '../../contracts/plugin.js';
import { didYouMean } from '../../registry/close-matches.js';
import { describeOrigin } from '../../registry/plugin-source.js';
import type { PluginRegistry } from '../../registry/registry.js';

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** Each task's metric ids must be defined by some plugin: otherwise a run fails only when it reports. */
function metricProblems(definition: PluginDefinition, label: string, metricIds: readonly string[]): string[] {
  return (definition.tasks ?? []).flatMap((task) => {
    if (!Array.isArray(task.metrics)) return [`${label}: task '${task.id}' has no metrics list; set metrics: ['accuracy', ...]`];
    return task.metrics
      .filter((id) => !metricIds.includes(id))
      .map(
        (id) =>
          `${label}: task '${task.id}' reports metric '${id}', which no plugin defines${didYouMean(id, metricIds)}; ` +
          'fix the id in the task\'s metrics or add the plugin that defines it',
      );
  });
}

async function selfCheckProblems(definition: PluginDefinition, label: string): Promise<string[]> {
  if (!definition.selfCheck) return [];
  try {
    return (await definition.selfCheck()).map((problem) => `${label}: ${problem}`);
  } catch (error) {
    return [`${label}: selfCheck failed (${firstLine(error)}); fix the plugin's selfCheck or report it to the plugin's author`];
  }
}

/**
 * What `bench plugins doctor` checks beyond discovery (which already reports import failures,
 * apiVersion mismatches, missing members and id clashes): names, task -> metric references and
 * every plugin's own selfCheck. One line per problem, naming the plugin and the fix.
 */
export async function checkPlugins(registry: PluginRegistry): Promise<string[]> {
  const metricIds = registry.list('metric').map((metric) => metric.id);
  const problems: string[] = [];
  for (const { definition, origin } of registry.plugins) {
    const label = describeOrigin(origin);
    if (typeof definition.name !== 'string' || definition.name.trim() === '') {
      problems.push(`${label}: has no name; set name in definePlugin({ name: '<package name>', ... })`);
    }
    problems.push(...metricProblems(definition, label, metricIds), ...(await selfCheckProblems(definition, label)));
  }
  return problems;
}
