import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PredictionRecord } from '../../core/contracts/metric.js';
import { PredictionsWriter, readPredictions } from '../../core/store/predictions-file.js';
import { tempDir } from '../fixtures/datasets.js';

const record = (id: string, error: string | null = null): PredictionRecord => ({
  id,
  hash: 'h',
  output: 'Yes',
  prediction: 'hateful',
  gold: 'hateful',
  valid: true,
  error,
  latencyMs: 1,
});

describe('predictions file', () => {
  it('appends one line per record and reads the latest record per id', () => {
    const path = join(tempDir('pred'), 'p', 'm.jsonl');
    const writer = new PredictionsWriter(path, 0);
    writer.append(record('1', 'HTTP 503'));
    writer.append(record('2'));
    writer.append(record('1'));
    writer.close();
    const content = readPredictions(path);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(4);
    expect(content.records.get('1')?.error).toBeNull();
    expect([...content.records.keys()]).toEqual(['1', '2']);
    expect(content.badLines).toEqual([]);
  });

  it('ignores a torn last line and cuts it off before appending', () => {
    const path = join(tempDir('pred'), 'm.jsonl');
    writeFileSync(path, JSON.stringify(record('1')) + '\n');
    appendFileSync(path, '{"id":"2","hash":"h","outp');
    const content = readPredictions(path);
    expect([...content.records.keys()]).toEqual(['1']);
    const writer = new PredictionsWriter(path, content.goodLength);
    writer.append(record('2'));
    writer.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['1', '2']);
  });

  it('reports a corrupted line in the middle and keeps the others', () => {
    const path = join(tempDir('pred'), 'm.jsonl');
    writeFileSync(path, [JSON.stringify(record('1')), 'not json', '{"no":"id"}', JSON.stringify(record('3'))].join('\n') + '\n');
    const content = readPredictions(path);
    expect([...content.records.keys()]).toEqual(['1', '3']);
    expect(content.badLines).toEqual([2, 3]);
  });
});
