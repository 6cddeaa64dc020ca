import { seededRandom, seedFrom, z, type ModelInstance, type ModelPlugin, type Sample, type TaskPlugin } from 'mmsoc-bench';

/** Gold values seen in a train split, keyed by their JSON form so labels, strings and tag lists all count. */
async function countGold(train: AsyncIterable<Sample>): Promise<Map<string, { gold: unknown; count: number }>> {
  const counts = new Map<string, { gold: unknown; count: number }>();
  for await (const sample of train) {
    const key = JSON.stringify(sample.gold);
    const entry = counts.get(key) ?? { gold: sample.gold, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return counts;
}

function noTrainingData(id: string, task: TaskPlugin): Error {
  return new Error(`${id} learned nothing: task ${task.id} has no samples in its train split`);
}

/** Always answers the most frequent gold value of the train split (ties: the task's label order). */
export const majorityBaseline: ModelPlugin<Record<string, never>> = {
  id: 'baseline/majority',
  description: 'Answers the most frequent label of the task\'s train split',
  endpoints: 'none',
  options: (raw) => z.strictObject({}).parse(raw),
  create(): ModelInstance {
    let answer: string | undefined;
    return {
      identity: 'baseline/majority',
      needsImages: false,
      async fit(train, task) {
        const counts = [...(await countGold(train)).values()];
        const rank = (gold: unknown) => task.labels?.indexOf(String(gold)) ?? -1;
        counts.sort((a, b) => b.count - a.count || rank(a.gold) - rank(b.gold));
        const best = counts[0];
        if (!best) throw noTrainingData('baseline/majority', task);
        answer = task.answer(best.gold, {});
      },
      async generate() {
        if (answer === undefined) throw new Error('baseline/majority was not fitted');
        return { text: answer };
      },
    };
  },
};

const randomOptions = z.strictObject({ seed: z.int().default(0) });

/**
 * Answers a uniformly random label. The draw depends only on the seed, the task and the sample id, so
 * resumed, reordered and sharded runs give the same answers.
 */
export const randomBaseline: ModelPlugin<z.output<typeof randomOptions>> = {
  id: 'baseline/random',
  description: 'Answers a uniformly random label (seeded per sample)',
  endpoints: 'none',
  options: (raw) => randomOptions.parse(raw),
  create(options): ModelInstance {
    let golds: unknown[] = [];
    return {
      identity: `baseline/random:${options.seed}`,
      needsImages: false,
      async fit(train, task) {
        // A classification task's labels are its answers; any other task's answers are its train golds.
        golds = task.kind === 'classification' && task.labels ? [...task.labels] : [...(await countGold(train)).values()].map((e) => e.gold);
        if (golds.length === 0) throw noTrainingData('baseline/random', task);
      },
      async generate({ sample, task }) {
        const random = seededRandom(seedFrom(options.seed, task.id, sample.id));
        return { text: task.answer(golds[random.int(0, golds.length - 1)], {}) };
      },
    };
  },
};
