import { afterAll, describe, expect, it } from '@jest/globals';
import type { Sample, TaskPlugin } from '../../core/contracts/index.js';
import { builtinTasks } from '../../plugins/tasks/index.js';
import { CLASSIFICATION_CORPUS, TAGGING_CORPUS } from './answer-corpus.js';

const byId = new Map(builtinTasks.map((t) => [t.id, t as TaskPlugin<any, any>]));
const sample: Sample = { id: 's', gold: null };

interface Tally {
  answers: number;
  /** The expected label read. */
  correct: number;
  /** No label read, rightly: hedges, refusals, answers naming both sides. */
  abstainedRightly: number;
  /** No label read where the corpus expects one. */
  abstainedWrongly: number;
  /** A label other than the expected one, or one where none should be read. */
  misread: number;
}
const COLUMNS = ['answers', 'correct', 'abstainedRightly', 'abstainedWrongly', 'misread'] as const;
const tallies = new Map<string, Tally>();
const tally = (task: string) => tallies.get(task) ?? tallies.set(task, { answers: 0, correct: 0, abstainedRightly: 0, abstainedWrongly: 0, misread: 0 }).get(task)!;

function read(taskId: string, answer: string): { value: unknown; valid: boolean } {
  const task = byId.get(taskId)!;
  return task.parse(answer, sample, task.options?.({}) ?? {});
}

function record(taskId: string, got: unknown, expected: unknown): void {
  const t = tally(taskId);
  t.answers++;
  if (JSON.stringify(got) === JSON.stringify(expected)) {
    if (expected === null) t.abstainedRightly++;
    else t.correct++;
  } else if (got === null) t.abstainedWrongly++;
  else t.misread++;
}

/** The per-task counts, for the record (docs/tasks.md quotes them). */
afterAll(() => {
  const total = tally('all');
  for (const [task, t] of tallies) if (task !== 'all') for (const column of COLUMNS) total[column] += t[column];
  const rows = [...tallies].map(([task, t]) => [task, ...COLUMNS.map((column) => t[column])].join(' '));
  console.log(['task', ...COLUMNS].join(' ') + '\n' + rows.join('\n'));
});

describe('answer corpus', () => {
  it('has at least 300 answers covering every classification task and tagging', () => {
    const classification = builtinTasks.filter((t) => t.kind === 'classification').map((t) => t.id);
    expect(Object.keys(CLASSIFICATION_CORPUS).sort()).toEqual([...classification].sort());
    const size = Object.values(CLASSIFICATION_CORPUS).reduce((n, entries) => n + entries.length, 0) + TAGGING_CORPUS.length;
    expect(size).toBeGreaterThanOrEqual(300);
  });

  describe.each(Object.entries(CLASSIFICATION_CORPUS))('%s', (taskId, entries) => {
    it.each(entries.map(([answer, expected]) => [answer, expected] as const))('%j -> %j', (answer, expected) => {
      const { value, valid } = read(taskId, answer);
      record(taskId, value, expected);
      expect(value).toEqual(expected);
      if (expected === null) expect(valid).toBe(false);
    });
  });

  describe('tagging', () => {
    it.each(TAGGING_CORPUS.map(([answer, expected]) => [answer, expected] as const))('%j -> %j', (answer, expected) => {
      const { value, valid } = read('tagging', answer);
      record('tagging', Array.isArray(value) && value.length === 0 ? null : value, expected);
      expect(value).toEqual(expected ?? []);
      expect(valid).toBe(expected !== null);
    });
  });
});
