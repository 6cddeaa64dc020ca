import type { ScaffoldSpec } from './spec.js';

/** Tests of the parser and the loading of the bundled sample, written for node:test. */
export function taskTest(): string {
  return `import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSkipped, type DatasetSource, type LoadedItem, type Row } from 'mmsoc-bench';
import { SAMPLE_DIR, sarcasmTask } from '../src/task.js';

/** A dataset source over rows in memory; images are read from the bundled sample. */
function sourceOf(rows: readonly Row[]): DatasetSource {
  return {
    root: SAMPLE_DIR,
    async *rows() {
      yield* rows;
    },
    readFile: (path) => readFile(join(SAMPLE_DIR, path)),
  };
}

async function loadAll(rows: readonly Row[]): Promise<LoadedItem<string>[]> {
  const items: LoadedItem<string>[] = [];
  for await (const item of sarcasmTask.load(sourceOf(rows), 'test', {})) items.push(item);
  return items;
}

const sample = { id: '1', gold: 'sarcastic', text: 'Yeah right, best Monday ever.' };

test('reads Yes/No answers as labels and anything else as invalid', () => {
  assert.deepEqual(sarcasmTask.parse('Yes.', sample, {}), { value: 'sarcastic', valid: true });
  assert.deepEqual(sarcasmTask.parse('No, it is sincere.', sample, {}), { value: 'sincere', valid: true });
  assert.deepEqual(sarcasmTask.parse('It is not sarcastic', sample, {}), { value: 'sincere', valid: true });
  assert.deepEqual(sarcasmTask.parse('Hard to say.', sample, {}), { value: null, valid: false });
});

test('asks about the image with the post text', () => {
  const [message] = sarcasmTask.prompt({ ...sample, image: { ref: 'img/1.png', read: async () => new Uint8Array() } }, {});
  assert.ok(message && Array.isArray(message.content));
  assert.deepEqual(message.content.map((part) => part.type), ['image', 'text']);
  const question = message.content[1];
  assert.ok(question?.type === 'text' && question.text.includes(sample.text) && question.text.includes('Answer Yes or No'));
});

test('skips a row whose label is neither 0 nor 1', async () => {
  const items = await loadAll([
    { id: 'a', image: 'img/1.png', text: 'hi', label: 1 },
    { id: 'b', image: 'img/2.png', text: 'hi', label: 'maybe' },
  ]);
  assert.deepEqual(items.map((item) => (isSkipped(item) ? \`\${item.id} skipped\` : \`\${item.id} \${item.gold}\`)), ['a sarcastic', 'b skipped']);
});

test('every row of the bundled sample loads with its image', async () => {
  const lines = (await readFile(join(SAMPLE_DIR, 'test.jsonl'), 'utf8')).split('\\n').filter(Boolean);
  const items = await loadAll(lines.map((line) => JSON.parse(line) as Row));
  assert.equal(items.length, lines.length);
  for (const item of items) {
    if (isSkipped(item)) assert.fail(\`row \${item.id} was skipped: \${item.skipped}\`);
    assert.ok(item.image, \`row \${item.id} has no image\`);
    assert.ok((await item.image.read()).length > 0);
  }
});
`;
}

export function modelTest(): string {
  return `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keywordModel } from '../src/model.js';
import { sarcasmTask } from '../src/task.js';

async function answer(text: string, options: Record<string, unknown> = {}): Promise<string> {
  const model = keywordModel.create(keywordModel.options(options));
  const request = { messages: [], sample: { id: 'x', gold: 'sincere', text }, task: sarcasmTask };
  return (await model.generate(request, { signal: new AbortController().signal })).text;
}

test('answers Yes when the post contains a keyword', async () => {
  assert.equal(await answer('Yeah right, what a great day.'), 'Yes');
});

test('answers the fallback label otherwise', async () => {
  assert.equal(await answer('What a great day.'), 'No');
});

test('takes its keywords from the config', async () => {
  assert.equal(await answer('Bring it on, Monday.', { keywords: { sarcastic: ['bring it on'] } }), 'Yes');
});

test('rejects options it does not know', () => {
  assert.throws(() => keywordModel.options({ keyword: ['typo'] }));
});

test('answers only classification tasks', () => {
  assert.equal(keywordModel.supports(sarcasmTask), true);
  assert.match(String(keywordModel.supports({ ...sarcasmTask, kind: 'generation' })), /is a generation task/);
});
`;
}

export function metricTest(spec: ScaffoldSpec): string {
  return `import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PredictionRecord } from 'mmsoc-bench';
import { labelCoverage } from '../src/metric.js';

const labels = ['sarcastic', 'sincere'];

function record(prediction: string | null, gold: string): PredictionRecord {
  return { id: \`\${gold}-\${prediction}\`, hash: '', output: prediction, prediction, gold, valid: prediction !== null, error: null, latencyMs: 0 };
}

const coverage = (records: PredictionRecord[]) => labelCoverage.compute(records, { labels })['${spec.ids.metric}'];

test('is 1 when the model used every label', () => {
  assert.equal(coverage([record('sarcastic', 'sincere'), record('sincere', 'sincere')]), 1);
});

test('is 0.5 when the model collapsed onto one of two labels', () => {
  assert.equal(coverage([record('sincere', 'sarcastic'), record('sincere', 'sincere')]), 0.5);
});

test('does not count unreadable answers as a label', () => {
  assert.equal(coverage([record(null, 'sarcastic'), record('sincere', 'sincere')]), 0.5);
});
`;
}
