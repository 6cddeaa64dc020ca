import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_EXPLANATION_PROMPTS, loadExplanationPrompts, promptsForTask } from '../../casestudies/explanation-prompts.js';
import { jsonArrayWriter } from '../../casestudies/json-writers.js';
import { builtinTasks } from '../../plugins/tasks/index.js';
import { tempDir } from '../fixtures/datasets.js';

const task = (id: string) => builtinTasks.find((t) => t.id === id)!;

describe('explanation prompts', () => {
  it('cover every label of the built-in classification tasks but relevance, which the reference gives none', () => {
    const explained = builtinTasks.filter((t) => t.kind === 'classification' && t.id !== 'relevance');
    expect(explained.map((t) => t.id).sort()).toEqual(Object.keys(DEFAULT_EXPLANATION_PROMPTS).sort());
    for (const t of explained) expect(Object.keys(promptsForTask(DEFAULT_EXPLANATION_PROMPTS, t, t.id)).sort()).toEqual([...t.labels!].sort());
    expect(() => promptsForTask(DEFAULT_EXPLANATION_PROMPTS, task('relevance'), 'relevance')).toThrow(
      "--explain-with: no explanation prompt for task relevance, label(s) 'Very Relevant', 'Relevant', 'Somewhat Relevant', 'Not Relevant'",
    );
  });

  it('are the reference wording', () => {
    expect(promptsForTask(DEFAULT_EXPLANATION_PROMPTS, task('sarcasm'), 'sarcasm')).toEqual({
      sarcastic: 'Why is this meme potentially sarcastic?',
      not_sarcastic: 'Why is this meme potentially not sarcastic?',
    });
    expect(promptsForTask(DEFAULT_EXPLANATION_PROMPTS, task('misinformation-gossipcop'), 'gc')).toEqual({
      fake: 'Why do you think this image text pair is potentially misinformative?',
      true: 'Why do you think this image text pair is potentially true news?',
    });
  });

  it('take overrides label by label from a JSON file, and refuse a malformed one', () => {
    const dir = tempDir('prompts');
    const file = join(dir, 'prompts.json');
    writeFileSync(file, JSON.stringify({ humor: { humorous: 'What makes this funny?' }, relevance: { Relevant: 'Why relevant?' } }));
    const prompts = loadExplanationPrompts(file);
    expect(prompts.humor).toEqual({ humorous: 'What makes this funny?', not_humorous: 'Why is this meme potentially not humorous?' });
    expect(prompts.relevance).toEqual({ Relevant: 'Why relevant?' });
    expect(DEFAULT_EXPLANATION_PROMPTS.humor!.humorous).toBe('Why is this meme potentially humorous?');

    writeFileSync(file, JSON.stringify({ humor: { humorous: 3 } }));
    expect(() => loadExplanationPrompts(file)).toThrow(/^--explain-prompts .*prompts\.json: humor\.humorous/);
  });
});

describe('jsonArrayWriter', () => {
  it('writes a valid JSON array for no items and for several, under its name only once finished', () => {
    const dir = tempDir('writer');
    const empty = jsonArrayWriter(join(dir, 'empty.json'), (t) => t);
    empty.finish();
    expect(readFileSync(join(dir, 'empty.json'), 'utf8')).toBe('[]\n');

    const two = jsonArrayWriter(join(dir, 'two.json'), (t) => t.replace('secret', '***'));
    two.write({ a: 1 });
    two.write({ b: 'secret' });
    expect(() => readFileSync(join(dir, 'two.json'))).toThrow(/ENOENT/);
    two.finish();
    expect(readFileSync(join(dir, 'two.json'), 'utf8')).toBe('[\n{"a":1},\n{"b":"***"}\n]\n');
  });
});
