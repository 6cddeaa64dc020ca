/**
 * The minimal client: the least work any client must do for the same job, and so the machine's
 * practical limit. For each JSONL row it reads the image file, base64-encodes it into a data URL,
 * builds the same JSON body as our OpenAI-compatible model (same keys, same order: equal byte totals
 * at the server confirm it), POSTs it with node:http over a keep-alive Agent, and parses the JSON
 * answer; `--concurrency` loops run at once. No retries, no timeouts, no records written.
 *
 *   node --import tsx benchmarks/lib/minimal-client.ts --url <base>/v1 --data <dir> --concurrency 64 --question '...'
 *
 * Reports a MinimalResult with emitResult (CPU and wall time of the request loop only).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emitResult } from './processes.js';
import { textPrompt } from './prompts.js';

export interface MinimalResult {
  readonly requests: number;
  readonly answered: number;
  readonly loopCpuMs: number;
  readonly loopWallMs: number;
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    data: { type: 'string' },
    split: { type: 'string', default: 'test' },
    concurrency: { type: 'string', default: '64' },
    question: { type: 'string', default: '' },
    model: { type: 'string', default: 'vlm' },
  },
});
const data = values.data!;
const concurrency = Number(values.concurrency);
const target = new URL(`${values.url}/chat/completions`);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

interface Row {
  readonly image?: string;
  readonly text?: string;
}
const rows: Row[] = readFileSync(join(data, `${values.split}.jsonl`), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);

async function body(row: Row): Promise<string> {
  const content = row.image
    ? [
        { type: 'image_url', image_url: { url: `data:image/png;base64,${(await readFile(join(data, row.image))).toString('base64')}` } },
        { type: 'text', text: values.question },
      ]
    : textPrompt(String(row.text ?? ''));
  return JSON.stringify({ temperature: 0, max_tokens: 128, model: values.model, messages: [{ role: 'user', content }] });
}

function post(payload: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      target,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { choices: [{ message: { content: unknown } }] }).choices[0].message.content);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
let next = 0;
let answered = 0;
const loop = async () => {
  while (next < rows.length) {
    const row = rows[next++]!;
    if (typeof (await post(await body(row))) === 'string') answered++;
  }
};
await Promise.all(Array.from({ length: concurrency }, loop));
const loopWallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const result: MinimalResult = { requests: rows.length, answered, loopCpuMs: (cpu.user + cpu.system) / 1000, loopWallMs };
emitResult(result);
agent.destroy();
