// The worker's handle on what it keeps in the browser: opens the database once (lazily), says what
// is stored, and answers the storage commands. Where IndexedDB is missing or refused, every answer
// says so and training goes on without it.

import type { CheckpointMode, StorageReport, WorkerCommand, WorkerEvent } from '../protocol';
import { browserIndexedDb, openAppDatabase } from '../storage/appDatabase';
import { CheckpointStore } from '../storage/checkpointStore';
import { RunHistory } from '../storage/runHistory';
import { StorageError, errorText } from '../storage/storageError';
import { StorageRoom, type StorageEstimateLike } from '../storage/storageRoom';
import { TrainingLock, type LockManagerLike } from './trainingLock';

const OTHER_TAB_CHECKPOINT = 'The stored checkpoint belongs to a run training in another tab.';

export interface PersistenceOptions {
  /** Opens the app's database; defaults to the browser's IndexedDB. */
  openDatabase?: () => Promise<IDBDatabase>;
  /** navigator.storage.estimate(), or null where there is none. */
  estimate?: (() => Promise<StorageEstimateLike>) | null;
  /** Web Locks shared with the other tabs (navigator.locks in the worker); none by default. */
  locks?: LockManagerLike | null;
  /** Tells the other tabs' workers that what is stored changed (a BroadcastChannel named
   * STORED_CHANNEL in the worker); none by default. */
  channel?: ChannelLike | null;
}

/** What Persistence needs of a BroadcastChannel. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export const STORED_CHANNEL = 'alexnet-webgpu/stored';

export const OTHER_TAB_TRAINING =
  'A run is training in another tab of this app: only one tab trains at a time. Stop it there, ' +
  'or wait until it ends.';

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
  /** Only one tab trains at a time: see trainingLock.ts. */
  readonly lock: TrainingLock;
  private readonly channel: ChannelLike | null;
  private waitingForOtherTab = false;
  /** Called when another tab changed what is stored, or stopped training. */
  onOtherTabChange: () => void = () => {};
  private opened: Promise<Stores> | null = null;
  /** What the next end-of-epoch checkpoints hold. */
  mode: CheckpointMode = 'full';

  constructor(private readonly options: PersistenceOptions = {}) {
    this.room = new StorageRoom(options.estimate);
    this.lock = new TrainingLock(options.locks ?? null);
    this.channel = options.channel ?? null;
    if (this.channel) this.channel.onmessage = () => this.onOtherTabChange();
  }

  /** Tells the other tabs to read what is stored again. */
  announceChange(): void {
    this.channel?.postMessage('changed');
  }

  /** What the other tabs are doing; while one trains, the change is reported when it ends, even
   * if that tab closed or crashed (its lock goes with it). */
  private async otherTab(): Promise<StorageReport['otherTab']> {
    const other = await this.lock.elsewhere();
    if (other.training && !this.waitingForOtherTab) {
      this.waitingForOtherTab = true;
      void this.lock.whenFree().then(() => {
        this.waitingForOtherTab = false;
        this.onOtherTabChange();
      });
    }
    return other;
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
      otherTab: await this.otherTab(),
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
      case 'discardCheckpoint': {
        const stores = await this.stores();
        const summary = await stores.checkpoints.summary().catch(() => null);
        if (summary && (await this.liveElsewhere(summary.runId))) {
          throw new StorageError('failed', `${OTHER_TAB_CHECKPOINT} It is not discarded.`);
        }
        await stores.checkpoints.discard();
        break;
      }
      case 'renameRun':
        await (await this.stores()).runs.rename(cmd.runId, cmd.name);
        break;
      case 'deleteRun':
        if (await this.liveElsewhere(cmd.runId)) {
          throw new StorageError(
            'failed',
            'That run is training in another tab: stop it there first.',
          );
        }
        await (await this.stores()).runs.delete(cmd.runId);
        break;
      case 'removeDamagedRuns':
        await (await this.stores()).runs.removeDamaged();
        break;
      default:
        cmd satisfies never;
    }
    if (cmd.type !== 'listStored' && cmd.type !== 'setCheckpointMode') this.announceChange();
    post({ type: 'stored', id: cmd.id, report: await this.report() });
  }

  private async liveElsewhere(runId: string): Promise<boolean> {
    return (await this.lock.elsewhere()).runIds.includes(runId);
  }
}

export { StorageError };
