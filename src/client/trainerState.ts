// Everything the page knows about the worker, as one value (trainerReducer.ts computes it).

import type { BackendInfo, DatasetSummary, EpochMetrics, TrainConfig } from '../protocol';

export type WorkerStatus = 'starting' | 'ready' | 'failed';
export type DataStatus = 'idle' | 'loading' | 'loaded' | 'error';
export type TrainingStatus = 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';
export type ControlCommand = 'pause' | 'resume' | 'stop';

/** One running-loss report, placed on the epoch axis (epoch 1 spans 0..1). */
export interface BatchLossPoint {
  x: number;
  loss: number;
}

export interface EpochProgress {
  epoch: number;
  imagesDone: number;
  imagesTotal: number;
  imagesPerSec: number;
}

/**
 * A saved point a restarted worker could resume from. Checkpoints do not exist yet (issue 10): the
 * field stays null, survives a restart (`client/started`), and is where Restart will look for
 * something to offer to resume.
 */
export interface ResumableCheckpoint {
  epoch: number;
  config: TrainConfig;
}

export interface TrainerState {
  worker: {
    status: WorkerStatus;
    backend: BackendInfo | null;
    error: string | null;
    /** Set while the worker has not answered its heartbeat for a while; `stillRunning` when its
     * life lock shows it is alive (busy, not dead). */
    silent: { stillRunning: boolean } | null;
  };
  data: {
    status: DataStatus;
    /** The manifest's counts while loading; cleared when loading fails (they may be wrong). */
    summary: DatasetSummary | null;
    loadedBytes: number;
    totalBytes: number;
    /** Counts the worker actually holds once loading finished. */
    loaded: { trainCount: number; testCount: number } | null;
    error: string | null;
    /** The `loadData` request the page waits on; answers to older ones are ignored. */
    requestId: number | null;
  };
  training: {
    status: TrainingStatus;
    /** A `train` request the worker has not answered yet: nothing changes until it does. */
    pendingStart: { id: number; config: TrainConfig } | null;
    /** The `train` request whose run made the current weights, so a prediction knows its model. */
    runId: number | null;
    config: TrainConfig | null;
    stepsPerEpoch: number;
    imagesPerEpoch: number;
    /** A control command sent and not yet acknowledged, so its button can wait. */
    awaiting: { command: ControlCommand; id: number } | null;
    progress: EpochProgress | null;
    batchLosses: BatchLossPoint[];
    epochs: EpochMetrics[];
    error: string | null;
  };
  /** A problem that belongs to no panel (a prediction failing outside a request, a bad message). */
  notice: string | null;
  resumable: ResumableCheckpoint | null;
}

export const initialTrainerState: TrainerState = {
  worker: { status: 'starting', backend: null, error: null, silent: null },
  data: {
    status: 'idle',
    summary: null,
    loadedBytes: 0,
    totalBytes: 0,
    loaded: null,
    error: null,
    requestId: null,
  },
  training: {
    status: 'idle',
    pendingStart: null,
    runId: null,
    config: null,
    stepsPerEpoch: 0,
    imagesPerEpoch: 0,
    awaiting: null,
    progress: null,
    batchLosses: [],
    epochs: [],
    error: null,
  },
  notice: null,
  resumable: null,
};

const ACTIVE: ReadonlySet<TrainingStatus> = new Set(['running', 'paused']);

/** A run exists in the worker (running or paused). */
export function isTrainingActive(status: TrainingStatus): boolean {
  return ACTIVE.has(status);
}

/** A run exists or is being asked for: the settings are locked. */
export function isTrainingBusy(training: TrainerState['training']): boolean {
  return isTrainingActive(training.status) || training.pendingStart !== null;
}
