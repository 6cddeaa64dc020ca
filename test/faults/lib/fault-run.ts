import { join } from 'node:path';
import { TOKENS } from '../../../core/container.js';
import { benchInProcess, type InProcessResult } from '../../fixtures/cli.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type FakeServerOptions } from '../../fixtures/openai-server.js';
import { InstantClock } from './instant-clock.js';
import { llavaConfig, type MemeProject, type ModelOptions } from './project.js';

export interface FaultRun {
  readonly server: FakeOpenAIServer;
  readonly config: string;
  readonly out: string;
  readonly clock: InstantClock;
  /** Runs `bench run` in-process on the config (again: a resume), backoff sleeps recorded, not waited. */
  run(extraArgs?: string[]): Promise<InProcessResult>;
}

let counter = 0;

/** A fault server, a config pointing `llava` at it, and an output folder (by default one of their own in the project). */
export async function faultRun(project: MemeProject, server: FakeServerOptions, model: ModelOptions = {}, where: { out?: string } = {}): Promise<FaultRun> {
  const fake = await startFakeOpenAIServer(server);
  const name = `fault-${++counter}`;
  const config = llavaConfig(project, fake.url, model, `${name}.config.ts`);
  const out = where.out ?? join(project.dir, name);
  const clock = new InstantClock();
  return {
    server: fake,
    config,
    out,
    clock,
    run: (extraArgs = []) =>
      benchInProcess(['run', '-c', config, '--out', out, ...extraArgs], {
        configure: (container) => container.rebind(TOKENS.Clock).toConstantValue(clock),
      }),
  };
}
