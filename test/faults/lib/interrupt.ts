import { expect } from '@jest/globals';
import { benchChild, type ChildRun } from '../../fixtures/cli.js';
import type { FakeOpenAIServer } from '../../fixtures/openai-server.js';
import { waitFor } from './wait.js';

/**
 * Runs `bench` as a child process and sends it `signal` once the server has received `afterRequests`
 * requests: a kill point chosen by the test (seeded), whatever the machine's speed. Fails if the
 * child ends before that point.
 */
export async function interruptChild(args: string[], server: FakeOpenAIServer, afterRequests: number, signal: NodeJS.Signals): Promise<Awaited<ChildRun['done']>> {
  const child = benchChild(args);
  let exited = false;
  void child.done.then(() => (exited = true));
  await waitFor(`request ${afterRequests}`, () => exited || server.requests.length >= afterRequests);
  expect(exited).toBe(false);
  child.child.kill(signal);
  return child.done;
}
