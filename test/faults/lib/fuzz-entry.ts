/**
 * Runs the fuzz properties (fuzz-properties.ts) in a process of its own (`node --import tsx`), telling
 * the parent over IPC which case it is about to run and how each property ended. Arguments: the base
 * seed and the run multiplier.
 */
import fc from 'fast-check';
import { FUZZ_PROPERTIES } from './fuzz-properties.js';

export type FuzzMessage =
  | { readonly type: 'case'; readonly property: number; readonly input: string }
  | { readonly type: 'result'; readonly property: number; readonly ok: boolean; readonly runs: number; readonly report: string };

const [seed, scale] = process.argv.slice(2).map(Number) as [number, number];
const send = (message: FuzzMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

// A promise rejected with nobody listening would crash the CLI (Node's default): it fails the
// property whose case caused it, and the run goes on with the next property.
let lastInput = '';
const strays: string[] = [];
process.on('unhandledRejection', (reason) => strays.push(`unhandled rejection on input ${lastInput}: ${reason instanceof Error ? reason.message : String(reason)}`));

// MMSOC_FUZZ_ONLY=1,3 runs only those properties (to replay one).
const only = process.env.MMSOC_FUZZ_ONLY?.split(',').map(Number);
for (const [index, property] of FUZZ_PROPERTIES.entries()) {
  if (only && !only.includes(index)) continue;
  const beat = (input: string) => {
    lastInput = input;
    process.send!({ type: 'case', property: index, input } satisfies FuzzMessage);
  };
  strays.length = 0;
  const started = performance.now();
  let details: fc.RunDetails<unknown>;
  try {
    details = await fc.check(property.build(beat) as fc.IAsyncProperty<unknown>, { seed: seed + index, numRuns: property.runs * scale, endOnFailure: false });
  } catch (error) {
    await send({ type: 'result', property: index, ok: false, runs: 0, report: `property could not run: ${String(error)}` });
    continue;
  }
  // Rejections of the last case surface on a later tick.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const failure = details.failed ? `${fc.defaultReportMessage(details) ?? 'failed'}\nError: ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance)}` : '';
  const report = [failure, ...strays.slice(0, 3)].filter(Boolean).join('\n');
  await send({ type: 'result', property: index, ok: !details.failed && strays.length === 0, runs: details.numRuns, report });
  if (process.env.MMSOC_FUZZ_TIMES) console.error(`${property.name}: ${Math.round(performance.now() - started)} ms`);
}
process.exit(0);
