import type { DatasetSource } from '../contracts/dataset.js';
import type { ModelInstance, ModelPlugin } from '../contracts/model.js';
import type { TaskPlugin } from '../contracts/task.js';
import type { ModelConfig } from '../config/schema.js';
import type { ModelSlots } from '../scheduler/scheduler.js';
import type { SampleSelection } from './sample-selection.js';
import type { Shard } from './shard.js';

export interface TaskPlan {
  /** The key in the config's `tasks` record: the name used in results. */
  readonly key: string;
  readonly task: TaskPlugin;
  readonly options: Record<string, unknown>;
  readonly source: DatasetSource;
  readonly split: string;
  readonly trainSplit: string | undefined;
  readonly limit?: number;
  readonly sample?: SampleSelection;
  readonly shard?: Shard;
}

export interface ModelPlan {
  /** The key in the config's `models` record. */
  readonly name: string;
  readonly plugin: ModelPlugin;
  readonly config: ModelConfig;
  /** Shared by every task of this model: the model's concurrency limits are global. */
  readonly slots: ModelSlots;
}

export interface PairPlan {
  readonly task: TaskPlan;
  readonly model: ModelPlan;
  /** One instance per pair, since trainable baselines fit per task. */
  readonly instance: ModelInstance;
  /** The model grading this pair's answers, when the task config names a judge. */
  readonly judge?: { readonly model: ModelPlan; readonly instance: ModelInstance };
  /** The model reading the answers the task's rules cannot, when the task config names one (`extractWith`). */
  readonly extractor?: { readonly model: ModelPlan; readonly instance: ModelInstance };
}
