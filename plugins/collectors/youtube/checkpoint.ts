import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { UsageError } from 'mmsoc-bench';
import { emptyLedgerState, type QuotaLedgerState } from './quota-ledger.js';
import type { SeedState } from './seed-state.js';
import type { VideoCategory } from './api-client.js';

const VERSION = 1;

/** The small, often-rewritten part of the state (lowdb writes it whole, atomically). Row data lives in JSONL. */
export interface CheckpointData {
  version: number;
  seeds: SeedState[];
  /** Ids found by seeds and not yet fetched, in order; the next videos.list call takes the first 50. */
  queue: string[];
  quota: QuotaLedgerState;
  /** videoCategories.list per region; re-fetched after 30 days like all API data. */
  categories: Record<string, { fetchedAt: number; items: VideoCategory[] }>;
}

export class Checkpoint {
  private constructor(private readonly db: Low<CheckpointData>) {}

  static async open(file: string, now: number): Promise<Checkpoint> {
    await mkdir(path.dirname(file), { recursive: true });
    const db = new Low<CheckpointData>(new JSONFile(file), {
      version: VERSION,
      seeds: [],
      queue: [],
      quota: emptyLedgerState(now),
      categories: {},
    });
    try {
      await db.read();
    } catch (err) {
      throw new UsageError(`unreadable checkpoint ${file}: ${(err as Error).message}`);
    }
    if (db.data.version !== VERSION) {
      throw new UsageError(`checkpoint ${file} has version ${db.data.version}; this collector reads version ${VERSION}`);
    }
    return new Checkpoint(db);
  }

  get data(): CheckpointData {
    return this.db.data;
  }

  save(): Promise<void> {
    return this.db.write();
  }
}
