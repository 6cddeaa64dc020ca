import type { Argv } from 'yargs';

/** The part of yargs' internals (not in its typings) that renders a command's help ahead of need. */
interface UsageInternals {
  cacheHelpMessage?: () => void;
  help?: () => string;
}

export function usageInternals(parser: Argv): UsageInternals | undefined {
  return (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => UsageInternals } }).getInternalMethods?.().getUsageInstance?.();
}

/**
 * yargs renders the invoked command's whole help text right after starting its handler, to show it
 * should the handler fail later: ~8% of `bench run`'s CPU before its first request (cliui measuring
 * every line's width). The CLI's `fail` throws instead of showing help, so that text is never read.
 * A yargs without this hook keeps its behaviour.
 */
export function skipHelpCache(parser: Argv): void {
  const usage = usageInternals(parser);
  if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => {};
}
