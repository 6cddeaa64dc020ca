/**
 * Source of a plugin package that misbehaves on purpose, written into a test project as
 * `faulty.ts` (plain objects: no imports). Which misbehaviour, and on which samples, comes from the
 * config: models take `behaviour`, the task takes `options.behaviour`, the metric is chosen by id.
 *
 * - model `faulty/model`: answers 'Yes', except on the samples in `on` (default ['2', '4']), where
 *   it throws, resolves undefined, resolves `{ text: 42 }`, or hangs ignoring its abort signal;
 *   `create-throws` throws when it is created.
 * - task `faulty-task`: the meme rows as text samples; its load throws or yields a null after three
 *   rows, its prompt or parse throw on sample '2', or parse returns undefined there.
 * - metrics `faulty-throws` and `faulty-shape`: compute throws, or returns a string; the tasks
 *   `faulty-metric-throws` and `faulty-metric-shape` (otherwise like `faulty-task`) report them.
 */
export const FAULTY_PLUGIN = `
const misbehave = {
  throws: async () => { throw new Error('plugin bug: cannot read the reply'); },
  'undefined-result': async () => undefined,
  'number-text': async () => ({ text: 42 }),
  hangs: () => new Promise(() => {}),
};

const model = {
  id: 'faulty/model',
  description: 'misbehaves on purpose',
  endpoints: 'none',
  options: (raw) => raw,
  create(options) {
    if (options.behaviour === 'create-throws') throw new Error('no weights at /models/faulty');
    const on = new Set(options.on ?? ['2', '4']);
    return {
      identity: 'faulty:' + options.behaviour,
      needsImages: false,
      generate: (request) => (on.has(request.sample.id) && misbehave[options.behaviour] ? misbehave[options.behaviour]() : Promise.resolve({ text: 'Yes' })),
    };
  },
};

const task = (id, metrics) => ({
  id,
  version: '1',
  description: 'misbehaves on purpose',
  dataset: {},
  splits: { eval: 'validation' },
  kind: 'classification',
  labels: ['hateful', 'not hateful'],
  metrics,
  options: (raw) => raw,
  async *load(source, split, options) {
    let n = 0;
    for await (const row of source.rows(split)) {
      if (n === 3 && options.behaviour === 'load-throws') throw new Error('dataset connection lost at row 3');
      if (n === 3 && options.behaviour === 'load-null') { yield null; n++; continue; }
      n++;
      yield { id: String(row.id), gold: row.label === 1 ? 'hateful' : 'not hateful', text: row.text };
    }
  },
  prompt(sample, options) {
    if (options.behaviour === 'prompt-throws' && sample.id === '2') throw new Error('template variable {caption} missing');
    return [{ role: 'user', content: 'Is this hateful? ' + sample.text }];
  },
  parse(output, sample, options) {
    if (sample.id === '2' && options.behaviour === 'parse-throws') throw new Error('parser bug');
    if (sample.id === '2' && options.behaviour === 'parse-undefined') return undefined;
    return output === 'Yes' ? { value: 'hateful', valid: true } : { value: null, valid: false };
  },
  answer: (gold) => (gold === 'hateful' ? 'Yes' : 'No'),
});

const metrics = [
  { id: 'faulty-throws', description: 'throws', compute: () => { throw new Error('division by zero'); } },
  { id: 'faulty-shape', description: 'returns a string', compute: () => 'high' },
];

const tasks = [task('faulty-task', ['accuracy']), task('faulty-metric-throws', ['accuracy', 'faulty-throws']), task('faulty-metric-shape', ['accuracy', 'faulty-shape'])];

export default { apiVersion: 1, name: 'faulty', version: '1.0.0', models: [model], tasks, metrics };
`;
