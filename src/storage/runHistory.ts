// The history of training runs: one record per run, updated at its start, after each epoch and at
// its end. Records that cannot be read (damaged, or from another version) are left out of the list
// and counted, never thrown: one bad record must not hide the others.

import {
  cleanRunName,
  MAX_RUN_NAME,
  withRecipeDefaults,
  type DamagedRun,
  type RunRecord,
} from '../protocol';
import { STORES } from './appDatabase';
import { inTransaction, requestResult } from './idbRequests';
import { runRecordProblem } from './runRecordCheck';
import { StorageError, asStorageError } from './storageError';

function isRunRecord(value: unknown): value is RunRecord {
  return runRecordProblem(value) === null;
}

/** How a record that cannot be listed is named to the user: its key and what is wrong with it. */
function describeDamaged(key: IDBValidKey, value: unknown): DamagedRun {
  const name =
    typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string'
      ? value.name.slice(0, MAX_RUN_NAME)
      : typeof key === 'string' || typeof key === 'number'
        ? String(key).slice(0, MAX_RUN_NAME)
        : 'a record without a name';
  return { name, problem: runRecordProblem(value) ?? 'unreadable' };
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

  /** Readable runs, newest first, and the records that could not be read, named. */
  async list(): Promise<{ runs: RunRecord[]; damaged: DamagedRun[] }> {
    const [keys, values] = await this.run('readonly', 'reading the run history', (store) =>
      Promise.all([requestResult(store.getAllKeys()), requestResult<unknown[]>(store.getAll())]),
    );
    const runs: RunRecord[] = [];
    const damaged: DamagedRun[] = [];
    values.forEach((value, i) => {
      const run = readRunRecord(value);
      if (run) runs.push(run);
      else damaged.push(describeDamaged(keys[i] ?? '?', value));
    });
    return { runs: runs.sort((a, b) => b.startedAt - a.startedAt), damaged };
  }

  /** Deletes every record `list` leaves out as damaged; the readable ones stay. */
  async removeDamaged(): Promise<void> {
    await this.run('readwrite', 'removing the damaged runs', async (store) => {
      const [keys, values] = await Promise.all([
        requestResult(store.getAllKeys()),
        requestResult<unknown[]>(store.getAll()),
      ]);
      values.forEach((value, i) => {
        const key = keys[i];
        if (key !== undefined && !isRunRecord(value)) store.delete(key);
      });
    });
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

  /**
   * Writes a running run's record, keeping the name stored under its id: the user may have renamed
   * it (here or in another tab) since the run read it. Resolves with the name kept.
   */
  async saveProgress(record: RunRecord): Promise<string> {
    return this.run('readwrite', 'saving the run history', async (store) => {
      const stored = await requestResult<unknown>(store.get(record.id));
      const name = isRunRecord(stored) ? stored.name : record.name;
      store.put({ ...record, name });
      return name;
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = cleanRunName(name);
    // Counted in characters as a person counts them (code points), not UTF-16 units.
    if (trimmed === '' || [...trimmed].length > MAX_RUN_NAME) {
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
