import type { ModelInstance } from '../contracts/model.js';
import { UsageError } from '../errors.js';
import type { ModelPlan, PairPlan } from '../pipeline/plan.js';
import type { Redactor } from '../util/redact.js';

/**
 * Before the first sample: every endpoint of every model of the run (judges included) is asked once,
 * all at once, whether it would answer (the adapter's `preflight`). A server that is down, refuses the
 * key or serves another model stops the run at once with one line naming the model, the endpoint and
 * the cause (exit code 2), instead of a run whose samples all fail or crawl.
 */
export async function preflight(plans: readonly PairPlan[], signal: AbortSignal, redactor: Redactor): Promise<void> {
  const checks = new Map<string, { model: ModelPlan; instance: ModelInstance; endpoint: string }>();
  for (const plan of plans) {
    for (const { model, instance } of [plan, ...(plan.judge ? [plan.judge] : [])]) {
      if (!instance.preflight) continue;
      const endpoints = model.config.endpoints ?? (model.config.endpoint ? [model.config.endpoint] : []);
      for (const endpoint of endpoints) checks.set(`${model.name}\n${endpoint}`, { model, instance, endpoint });
    }
  }
  const failures = await Promise.all(
    [...checks.values()].map(({ model, instance, endpoint }) =>
      instance.preflight!(endpoint, { signal }).then(
        () => undefined,
        (error: unknown) => `models.${model.name}: ${endpoint}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    ),
  );
  if (signal.aborted) return;
  const failed = failures.filter((failure): failure is string => failure !== undefined);
  if (failed.length === 0) return;
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more endpoint(s))` : '';
  throw new UsageError(redactor.redact(failed[0]! + more));
}
