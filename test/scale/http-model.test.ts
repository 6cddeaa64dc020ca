import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { benchInProcess } from '../fixtures/cli.js';
import { makeMemeDataset, tempDir, writeConfig } from '../fixtures/datasets.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

/** A TGI-like /generate server: answers `{generated_text}` and records the bodies it got. */
async function generateServer(): Promise<{ url: string; bodies: any[] }> {
  const bodies: any[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = JSON.parse(data);
      bodies.push({ ...body, path: req.url, auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ generated_text: bodies.length % 2 ? 'Yes' : 'No' }]));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => new Promise((r) => server.close(() => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

describe('http model plugin', () => {
  it('fills the body template, reads the answer at the response path, and runs on the scheduler', async () => {
    const server = await generateServer();
    const dir = tempDir('http');
    await makeMemeDataset(join(dir, 'data'), { validation: 6 });
    const config = writeConfig(dir, {
      models: {
        tgi: {
          use: 'http',
          endpoint: server.url,
          path: '/generate',
          apiKeyEnv: 'TGI_TOKEN',
          body: { inputs: '![]({{image_data_url}}){{prompt}}', parameters: { max_new_tokens: 8 }, all: '{{images}}' },
          responsePath: '0.generated_text',
          concurrency: 2,
        },
      },
      tasks: { 'hate-speech': { dataset: { path: 'data' } } },
    });
    const result = await benchInProcess(['run', '-c', config, '--json'], { env: { TGI_TOKEN: 'tok-123456' } });
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(server.bodies).toHaveLength(6);
    const first = server.bodies[0];
    expect(first.path).toBe('/generate');
    expect(first.auth).toBe('Bearer tok-123456');
    expect(first.inputs).toMatch(/^!\[\]\(data:image\/png;base64,[A-Za-z0-9+/=]+\)Is this meme hateful\? Answer 'Yes' or 'No'\.$/);
    expect(first.parameters).toEqual({ max_new_tokens: 8 });
    expect(first.all).toHaveLength(1);
    const metrics = JSON.parse(result.stdout.slice(0, result.stdout.lastIndexOf('}') + 1));
    expect(metrics.counts['hate-speech'].tgi).toMatchObject({ samples: 6, valid: 6, failed: 0, skipped: 0 });
  });
});
