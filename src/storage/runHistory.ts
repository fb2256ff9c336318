// The history of training runs: one record per run, updated at its start, after each epoch and at
// its end. Records that cannot be read (damaged, or from another version) are left out of the list
// and counted, never thrown: one bad record must not hide the others.

import {
  isModelName,
  withRecipeDefaults,
  type EpochMetrics,
  type RunRecord,
  type RunStatus,
} from '../protocol';
import { STORES } from './appDatabase';
import { inTransaction, requestResult } from './idbRequests';
import { StorageError, asStorageError } from './storageError';

export const MAX_RUN_NAME = 80;
const STATUSES: readonly RunStatus[] = ['running', 'finished', 'stopped', 'failed'];

function isRunRecord(value: unknown): value is RunRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<RunRecord>;
  return (
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.config === 'object' &&
    r.config !== null &&
    isModelName(r.config.model) &&
    typeof r.backend === 'object' &&
    r.backend !== null &&
    Array.isArray(r.epochs) &&
    r.epochs.every(
      (e: EpochMetrics) => typeof e === 'object' && e !== null && typeof e.epoch === 'number',
    ) &&
    typeof r.startedAt === 'number' &&
    typeof r.updatedAt === 'number' &&
    typeof r.durationSeconds === 'number' &&
    STATUSES.includes(r.status as RunStatus)
  );
}

/** A readable record with its config as this version has it (older runs lack the recipe settings). */
function readRunRecord(value: unknown): RunRecord | null {
  return isRunRecord(value) ? { ...value, config: withRecipeDefaults(value.config) } : null;
}

/** A run's final test accuracy: that of its last finished epoch. */
export function finalTestAccuracy(run: Pick<RunRecord, 'epochs'>): number | null {
  return run.epochs.at(-1)?.testAccuracy ?? null;
}

export class RunHistory {
  constructor(private readonly db: IDBDatabase) {}

  /** Readable runs, newest first, and how many records could not be read. */
  async list(): Promise<{ runs: RunRecord[]; unreadable: number }> {
    const all = await this.run('readonly', 'reading the run history', (store) =>
      requestResult<unknown[]>(store.getAll()),
    );
    const runs = all
      .map(readRunRecord)
      .filter((r): r is RunRecord => r !== null)
      .sort((a, b) => b.startedAt - a.startedAt);
    return { runs, unreadable: all.length - runs.length };
  }

  async get(id: string): Promise<RunRecord | null> {
    const value = await this.run('readonly', 'reading the run history', (store) =>
      requestResult<unknown>(store.get(id)),
    );
    return readRunRecord(value);
  }

  async put(record: RunRecord): Promise<void> {
    await this.run('readwrite', 'saving the run history', (store) => {
      store.put(record);
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > MAX_RUN_NAME) {
      throw new StorageError('failed', `A run's name must be 1 to ${MAX_RUN_NAME} characters.`);
    }
    await this.run('readwrite', 'renaming the run', async (store) => {
      const value = await requestResult<unknown>(store.get(id));
      if (!isRunRecord(value)) throw new StorageError('failed', 'That run is no longer stored.');
      store.put({ ...value, name: trimmed });
    });
  }

  async delete(id: string): Promise<void> {
    await this.run('readwrite', 'deleting the run', (store) => {
      store.delete(id);
    });
  }

  private run<T>(
    mode: IDBTransactionMode,
    doing: string,
    fill: (store: IDBObjectStore) => Promise<T> | T,
  ): Promise<T> {
    return inTransaction(this.db, [STORES.runs], mode, (tx) =>
      fill(tx.objectStore(STORES.runs)),
    ).catch((error: unknown) => {
      throw asStorageError(error, doing);
    });
  }
}
