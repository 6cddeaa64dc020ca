import { z, type ModelInstance, type ModelPlugin, type Sample, type TaskPlugin } from 'mmsoc-bench';

const ID = 'baseline/frequent-tags';

function tagsOf(sample: Sample, task: TaskPlugin): readonly string[] {
  const gold = sample.gold;
  if (!Array.isArray(gold) || !gold.every((tag) => typeof tag === 'string')) {
    throw new Error(`${ID} needs tag lists (string arrays) as gold; sample ${sample.id} of ${task.id} has ${JSON.stringify(gold)}`);
  }
  return gold;
}

/** The median of a distribution given as value -> count, halves rounded up. */
function median(counts: ReadonlyMap<number, number>): number {
  const values = [...counts.keys()].sort((a, b) => a - b);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  // The values at (0-based) ranks floor((total-1)/2) and floor(total/2): the same one when total is odd.
  const valueAtRank = (rank: number): number => {
    let seen = 0;
    return values.find((value) => (seen += counts.get(value)!) > rank)!;
  };
  return Math.round((valueAtRank(Math.floor((total - 1) / 2)) + valueAtRank(Math.floor(total / 2))) / 2);
}

/**
 * Answers the k tags most frequent in the train split (ties: alphabetical), k being the median number
 * of tags per train sample (at least 1): the tagging score of knowing only the label distribution.
 */
export const frequentTagsBaseline: ModelPlugin<Record<string, never>> = {
  id: ID,
  description: 'Answers the most frequent tags of the train split, as many as a train sample has (median)',
  endpoints: 'none',
  supports: (task) => task.kind === 'tagging' || `it answers tag sets; ${task.id} is a ${task.kind ?? 'non-tagging'} task`,
  options: (raw) => z.strictObject({}).parse(raw),
  create(): ModelInstance {
    let answerTags: string[] | undefined;
    return {
      identity: ID,
      needsImages: false,
      async fit(train, task) {
        const tagCounts = new Map<string, number>();
        const sizeCounts = new Map<number, number>();
        for await (const sample of train) {
          // A tag listed twice in one sample still says only once that the sample has it.
          const tags = new Set(tagsOf(sample, task));
          for (const tag of tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
          sizeCounts.set(tags.size, (sizeCounts.get(tags.size) ?? 0) + 1);
        }
        if (sizeCounts.size === 0) throw new Error(`${ID} learned nothing: task ${task.id} has no samples in its train split`);
        const k = Math.max(1, median(sizeCounts));
        answerTags = [...tagCounts]
          .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
          .slice(0, k)
          .map(([tag]) => tag);
      },
      async generate({ task }) {
        if (!answerTags) throw new Error(`${ID} was not fitted`);
        return { text: task.answer(answerTags, {}) };
      },
    };
  },
};
