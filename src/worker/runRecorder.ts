// What one training run leaves in the browser: its entry in the run history (written at the start,
// after every epoch and at the end) and a checkpoint after every epoch but the last, in the mode the
// page chose. A checkpoint is read back from the GPU while the trainer waits at the epoch's end, then
// written while the next epoch trains (one write at a time). Storage failures never stop training:
// they become `checkpointFailed` events and the previous checkpoint stays.

import { recipeSummary } from '../protocol';
import type {
  BackendInfo,
  CheckpointContents,
  CheckpointFailure,
  CheckpointPlan,
  CheckpointSummary,
  DoneReason,
  EpochMetrics,
  RunRecord,
  TrainConfig,
  TrainerSnapshot,
  WorkerEvent,
} from '../protocol';
import type { Trainer } from '../engine';
import { StorageError, errorText } from '../storage/storageError';
import type { Persistence, Stores } from './persistence';

export interface RunStart {
  config: TrainConfig;
  backend: BackendInfo;
  /** The checkpoint this run continues, if any. */
  resumed: CheckpointSummary | null;
  /** Float32 values the model holds: its checkpoint sizes. */
  parameterCount: number;
}

function runName(config: TrainConfig): string {
  const epochs = `${config.epochs} epoch${config.epochs === 1 ? '' : 's'}`;
  return `${config.model}, ${epochs}, batch ${config.batchSize}, ${recipeSummary(config)}`;
}

function newRunId(now: number): string {
  return `run-${now.toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}

function failureOf(error: unknown): CheckpointFailure {
  if (error instanceof StorageError && (error.kind === 'quota' || error.kind === 'unavailable'))
    return error.kind;
  return 'failed';
}

export class RunRecorder {
  private pendingWrite: Promise<void> = Promise.resolve();
  /** The epoch of this run's last checkpoint written (a resumed run's starting one counts). */
  keptEpoch = 0;
  private toldUnavailable = false;

  private constructor(
    private readonly persistence: Persistence,
    private readonly post: (event: WorkerEvent) => void,
    private readonly stores: Stores | null,
    private readonly record: RunRecord,
    private readonly parameterCount: number,
  ) {}

  /** Writes the run's history entry (a resumed run's own, continued) and returns its recorder. */
  static async start(
    persistence: Persistence,
    post: (event: WorkerEvent) => void,
    start: RunStart,
    now = Date.now(),
  ): Promise<RunRecorder> {
    const stores = await persistence.stores().catch(() => null);
    const { config, backend, resumed } = start;
    const previous =
      resumed && stores ? await stores.runs.get(resumed.runId).catch(() => null) : null;
    const record: RunRecord = previous
      ? { ...previous, status: 'running', updatedAt: now }
      : {
          id: resumed?.runId ?? newRunId(now),
          name: resumed?.runName ?? runName(config),
          config,
          backend: {
            name: backend.name,
            adapter: backend.adapter
              ? [backend.adapter.vendor, backend.adapter.architecture, backend.adapter.description]
                  .filter(Boolean)
                  .join(' ')
              : null,
            isSoftware: backend.isSoftware,
            kernels: backend.kernels.mode,
          },
          epochs: resumed?.epochs ?? [],
          startedAt: now,
          updatedAt: now,
          durationSeconds: (resumed?.epochs ?? []).reduce(
            (s, e) => s + e.trainSeconds + e.evalSeconds,
            0,
          ),
          status: 'running',
        };
    const recorder = new RunRecorder(persistence, post, stores, record, start.parameterCount);
    recorder.keptEpoch = resumed?.epochsDone ?? 0;
    await recorder.saveRecord();
    return recorder;
  }

  get runId(): string {
    return this.record.id;
  }

  /** What each checkpoint of this run will take, and the room the browser reports. */
  async plan(): Promise<CheckpointPlan> {
    const weightsBytes = this.parameterCount * 4;
    const { freeBytes } = await this.persistence.room.report();
    return { mode: this.persistence.mode, fullBytes: 3 * weightsBytes, weightsBytes, freeBytes };
  }

  /** Records a finished epoch and, unless it was the last, takes its checkpoint. */
  async epochDone(metrics: EpochMetrics, trainer: Trainer): Promise<void> {
    const r = this.record;
    r.epochs = [...r.epochs.filter((e) => e.epoch !== metrics.epoch), metrics];
    r.durationSeconds += metrics.trainSeconds + metrics.evalSeconds;
    r.updatedAt = Date.now();
    await this.saveRecord();
    const mode = this.persistence.mode;
    if (metrics.epoch >= r.config.epochs || mode === 'off') return void this.announce();
    if (!this.stores) {
      if (!this.toldUnavailable) {
        this.toldUnavailable = true;
        const why = 'This browser keeps no data for this page here, so no checkpoint was saved.';
        await this.failed(metrics.epoch, new StorageError('unavailable', why), mode);
      }
      return;
    }
    await this.pendingWrite; // one checkpoint in memory and in flight at a time
    const snapshot = await trainer.snapshot(mode);
    this.pendingWrite = this.writeCheckpoint(this.stores, metrics.epoch, mode, snapshot);
  }

  /** The run ended: its history entry says how, and a finished run's checkpoint is dropped. */
  async finish(reason: DoneReason): Promise<void> {
    await this.pendingWrite;
    this.record.status = reason;
    this.record.updatedAt = Date.now();
    await this.saveRecord();
    if (reason === 'finished' && this.stores) {
      // Nothing is left to resume: free the room (up to ~560 MB for alexnet).
      const summary = await this.stores.checkpoints.summary().catch(() => null);
      if (summary?.runId === this.record.id)
        await this.stores.checkpoints.discard().catch(() => undefined);
    }
    await this.announce();
  }

  /** Resolves once the checkpoint being written, if any, is stored or has failed. */
  settled(): Promise<void> {
    return this.pendingWrite;
  }

  private async writeCheckpoint(
    stores: Stores,
    epoch: number,
    contents: CheckpointContents,
    snapshot: TrainerSnapshot,
  ): Promise<void> {
    const started = performance.now();
    try {
      const summary = await stores.checkpoints.save({
        summary: {
          runId: this.record.id,
          runName: this.record.name,
          config: this.record.config,
          epochsDone: epoch,
          epochs: this.record.epochs.filter((e) => e.epoch <= epoch),
          contents,
        },
        snapshot,
      });
      this.keptEpoch = epoch;
      this.post({
        type: 'checkpointSaved',
        epoch,
        bytes: summary.bytes,
        seconds: (performance.now() - started) / 1000,
        contents,
      });
    } catch (error) {
      await this.failed(epoch, error, contents);
    }
    await this.announce();
  }

  private async failed(epoch: number, error: unknown, contents: CheckpointContents) {
    const weightsBytes = this.parameterCount * 4;
    const { freeBytes } = await this.persistence.room.report();
    this.post({
      type: 'checkpointFailed',
      epoch,
      reason: failureOf(error),
      message: errorText(error),
      neededBytes: contents === 'full' ? 3 * weightsBytes : weightsBytes,
      freeBytes,
    });
  }

  private async saveRecord(): Promise<void> {
    // The history is a convenience: a failed write is reported by the next listing, not here.
    const name = await this.stores?.runs.saveProgress({ ...this.record }).catch(() => undefined);
    if (name !== undefined) this.record.name = name; // a rename made while it trains sticks
  }

  private async announce(): Promise<void> {
    if (!this.stores) return;
    this.persistence.announceChange();
    this.post({ type: 'stored', report: await this.persistence.report() });
  }
}
