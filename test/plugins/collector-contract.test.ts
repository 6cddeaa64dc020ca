import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { EMPTY } from 'rxjs';
import { z } from 'zod';
import { collectorFlags, flagName } from '../../core/cli/collector-flags.js';
import type { CollectorPlugin } from '../../core/contracts/collector.js';
import { createHttpClient } from '../../core/services/http.js';
import { createGetWithRetries } from '../../core/services/retrying-get.js';
import { ManualClock } from '../fixtures/youtube-harness.js';

const collector = (options: z.ZodObject): CollectorPlugin => ({ id: 'demo/posts', description: 'test', options, run: () => EMPTY });

describe('a collector declares its flags with a zod schema', () => {
  it('gives each key a kebab-case flag with its type, help text, default and choices, then --state', () => {
    const flags = collectorFlags(
      collector(
        z.object({
          from: z.array(z.string()).optional().describe('Files to read'),
          maxItems: z.number().int().positive().default(5).describe('Most items'),
          dryRun: z.boolean().default(false),
          since: z.string().optional(),
          order: z.enum(['new', 'old']).default('new').describe('Which first'),
        }),
      ),
    );
    expect(flags).toEqual({
      from: { type: 'string', array: true, describe: 'Files to read' },
      'max-items': { type: 'number', default: 5, describe: 'Most items' },
      'dry-run': { type: 'boolean', default: false },
      since: { type: 'string' },
      order: { choices: ['new', 'old'], default: 'new', describe: 'Which first' },
      state: { type: 'string', default: '.bench/demo/posts', describe: expect.stringContaining('State directory') },
    });
    expect(flagName('thumbnailConcurrency')).toBe('thumbnail-concurrency');
  });

  it('a collector without options has --state only', () => {
    expect(Object.keys(collectorFlags({ id: 'x', description: 'x', run: () => EMPTY }))).toEqual(['state']);
  });

  it('refuses, naming the collector and key, an option no flag can carry', () => {
    expect(() => collectorFlags(collector(z.object({ backoff: z.object({ ms: z.number() }) })))).toThrow(
      'collector demo/posts: option backoff has type object; a flag carries a string, number, boolean, enum or a list of strings or numbers',
    );
  });
});

describe('PluginContext.getWithRetries', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A server answering the given statuses in turn (the last one from then on). */
  async function serve(statuses: number[]): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    server = createServer((_req, res) => {
      const status = statuses[Math.min(hits++, statuses.length - 1)]!;
      res.writeHead(status).end(`answer ${hits}`);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`, hits: () => hits };
  }

  const options = { maxAttempts: 3, timeoutMs: 5_000, delayMs: (retry: number) => 1_000 * 2 ** retry };

  it('retries 5xx and 429 with the caller\'s delays on the clock, then returns the answer', async () => {
    const { url } = await serve([503, 429, 200]);
    const clock = new ManualClock(0);
    const answer = await createGetWithRetries(createHttpClient(), clock, new AbortController().signal)(url, options);
    expect(answer).toMatchObject({ status: 200, attempts: 3, retryable: false });
    expect(Buffer.from((answer as { body: Uint8Array }).body).toString()).toBe('answer 3');
    expect(clock.sleeps).toEqual([1_000, 2_000]);
  });

  it('returns another status at once, and the last transient one when the attempts run out', async () => {
    const notFound = await serve([404]);
    const get = createGetWithRetries(createHttpClient(), new ManualClock(0), new AbortController().signal);
    expect(await get(notFound.url, options)).toMatchObject({ status: 404, attempts: 1, retryable: false });
    server!.close();
    const busy = await serve([500]);
    expect(await get(busy.url, options)).toMatchObject({ status: 500, attempts: 3, retryable: true });
    expect(busy.hits()).toBe(3);
  });

  it('gives the error of the last attempt when nothing answers, and stops waiting once the run is aborted', async () => {
    const { url } = await serve([200]);
    server!.close();
    const get = createGetWithRetries(createHttpClient(), new ManualClock(0), new AbortController().signal);
    expect(await get(url, options)).toMatchObject({ error: expect.stringContaining('ECONNREFUSED'), attempts: 3, retryable: true });
    const aborted = new AbortController();
    aborted.abort(new Error('stop'));
    await expect(createGetWithRetries(createHttpClient(), new ManualClock(0), aborted.signal)(url, options)).rejects.toThrow('stop');
    server = undefined;
  });
});
