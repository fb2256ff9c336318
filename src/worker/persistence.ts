// The worker's handle on what it keeps in the browser: opens the database once (lazily), says what
// is stored, and answers the storage commands. Where IndexedDB is missing or refused, every answer
// says so and training goes on without it.

import type { CheckpointMode, StorageReport, WorkerCommand, WorkerEvent } from '../protocol';
import { browserIndexedDb, openAppDatabase } from '../storage/appDatabase';
import { CheckpointStore } from '../storage/checkpointStore';
import { RunHistory } from '../storage/runHistory';
import { StorageError, errorText } from '../storage/storageError';
import { StorageRoom, type StorageEstimateLike } from '../storage/storageRoom';

export interface PersistenceOptions {
  /** Opens the app's database; defaults to the browser's IndexedDB. */
  openDatabase?: () => Promise<IDBDatabase>;
  /** navigator.storage.estimate(), or null where there is none. */
  estimate?: (() => Promise<StorageEstimateLike>) | null;
}

export interface Stores {
  checkpoints: CheckpointStore;
  runs: RunHistory;
}

export type StorageCommand = Extract<
  WorkerCommand,
  {
    type:
      | 'listStored'
      | 'discardCheckpoint'
      | 'renameRun'
      | 'deleteRun'
      | 'removeDamagedRuns'
      | 'setCheckpointMode';
  }
>;

export class Persistence {
  readonly room: StorageRoom;
  private opened: Promise<Stores> | null = null;
  /** What the next end-of-epoch checkpoints hold. */
  mode: CheckpointMode = 'full';

  constructor(private readonly options: PersistenceOptions = {}) {
    this.room = new StorageRoom(options.estimate);
  }

  /** The stores; rejects with a StorageError ('unavailable') where nothing can be kept. */
  stores(): Promise<Stores> {
    this.opened ??= (
      this.options.openDatabase ?? (() => openAppDatabase(browserIndexedDb()))
    )().then(async (db) => {
      const stores = { checkpoints: new CheckpointStore(db, this.room), runs: new RunHistory(db) };
      // Tensors of a save that a closed tab or a crash cut short.
      await stores.checkpoints.sweep().catch(() => undefined);
      return stores;
    });
    return this.opened;
  }

  /** Everything the page shows about storage; never rejects. */
  async report(): Promise<StorageReport> {
    const room = await this.room.report();
    const base: StorageReport = {
      available: false,
      problem: null,
      checkpoint: null,
      checkpointProblem: null,
      runs: [],
      damagedRuns: [],
      mode: this.mode,
      usageBytes: room.usageBytes,
      quotaBytes: room.quotaBytes,
    };
    let stores: Stores;
    try {
      stores = await this.stores();
    } catch (error) {
      return { ...base, problem: errorText(error) };
    }
    const report: StorageReport = { ...base, available: true };
    try {
      report.checkpoint = await stores.checkpoints.summary();
    } catch (error) {
      report.checkpointProblem = errorText(error);
    }
    try {
      const { runs, damaged } = await stores.runs.list();
      report.runs = runs;
      report.damagedRuns = damaged;
    } catch (error) {
      report.problem = errorText(error);
    }
    return report;
  }

  /** Handles a storage command; answers with `stored`, or throws a StorageError. */
  async handle(cmd: StorageCommand, post: (event: WorkerEvent) => void): Promise<void> {
    switch (cmd.type) {
      case 'listStored':
        break;
      case 'setCheckpointMode':
        this.mode = cmd.mode;
        break;
      case 'discardCheckpoint':
        await (await this.stores()).checkpoints.discard();
        break;
      case 'renameRun':
        await (await this.stores()).runs.rename(cmd.runId, cmd.name);
        break;
      case 'deleteRun':
        await (await this.stores()).runs.delete(cmd.runId);
        break;
      case 'removeDamagedRuns':
        await (await this.stores()).runs.removeDamaged();
        break;
      default:
        cmd satisfies never;
    }
    post({ type: 'stored', id: cmd.id, report: await this.report() });
  }
}

export { StorageError };
