/**
 * The minimal client: the least work any client must do for the same job, and so the machine's
 * practical limit. For each row it reads the image (a file named by a JSONL row; or, for a dataset in
 * the Hub parquet layout, the bytes of the row's image struct, all rows decoded before the first
 * request), base64-encodes it into a data URL,
 * builds the same JSON body as our OpenAI-compatible model (same keys, same order: equal byte totals
 * at the server confirm it), POSTs it with node:http over a keep-alive Agent, and parses the JSON
 * answer; `--concurrency` loops run at once. No retries, no timeouts, no records written.
 *
 *   node --import tsx benchmarks/lib/minimal-client.ts --url <base>/v1 --data <dir> --concurrency 64 --question '...'
 *
 * Reports a MinimalResult with emitResult (CPU and wall time of the request loop only).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
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
  readonly image?: () => Promise<Uint8Array>;
  readonly text?: string;
}

function jsonlRows(): Row[] {
  return readFileSync(join(data, `${values.split}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { image?: string; text?: string };
      return { text: row.text, image: row.image ? () => readFile(join(data, row.image!)) : undefined };
    });
}

async function parquetRows(folder: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of readdirSync(folder).filter((f) => f.startsWith(`${values.split}-`)).sort()) {
    const file = await asyncBufferFromFile(join(folder, name));
    for (const row of (await parquetReadObjects({ file, compressors, utf8: false })) as { image?: { bytes: Uint8Array }; text?: string }[]) {
      const bytes = row.image?.bytes;
      rows.push({ text: row.text, image: bytes ? async () => bytes : undefined });
    }
  }
  return rows;
}

const hubFolder = join(data, 'data');
const rows = existsSync(hubFolder) ? await parquetRows(hubFolder) : jsonlRows();

/** Base64 of the bytes, without copying them first. */
const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

async function body(row: Row): Promise<string> {
  const content = row.image
    ? [
        { type: 'image_url', image_url: { url: `data:image/png;base64,${base64(await row.image())}` } },
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
