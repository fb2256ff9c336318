// Everything the page knows about the worker, as one value (trainerReducer.ts computes it).

import type {
  BackendInfo,
  CheckpointContents,
  CheckpointPlan,
  DataOrigin,
  DatasetSummary,
  EpochMetrics,
  ModelName,
  StorageReport,
  TrainConfig,
  WorkerEvent,
} from '../protocol';

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
 * The stored checkpoint of an unfinished run, which the page offers to resume (on opening, and after
 * Restart: it survives `client/started`). Null when there is none, or its run had finished.
 */
export interface ResumableCheckpoint {
  /** Epochs it holds. */
  epoch: number;
  config: TrainConfig;
  runName: string;
  savedAt: number;
  contents: CheckpointContents;
}

/** A model that came from files (Load model) and no run has replaced. */
export interface LoadedModelInfo {
  model: ModelName;
  fileName: string;
  epochsDone: number | null;
}

export type CheckpointFailed = Omit<Extract<WorkerEvent, { type: 'checkpointFailed' }>, 'type'>;
export type CheckpointSaved = Omit<Extract<WorkerEvent, { type: 'checkpointSaved' }>, 'type'>;

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
    /** Once loaded: where the shards came from and how long it took. */
    origin: { from: DataOrigin; seconds: number; downloadedBytes: number } | null;
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
    /** Set when the current weights came from model files, until a run replaces them. */
    loaded: LoadedModelInfo | null;
    /** The run's entry in the history. */
    recordId: string | null;
  };
  storage: {
    /** What the worker last said is stored; null until it answered. */
    report: StorageReport | null;
    /** The current run's checkpoint size and the room there is. */
    plan: CheckpointPlan | null;
    /** The current run's last checkpoint written. */
    lastSaved: CheckpointSaved | null;
    /** Epochs the current run's latest checkpoint holds (a resumed run's starting one counts). */
    savedEpoch: number;
    /** The current run's last checkpoint that could not be written (cleared by the next save). */
    failure: CheckpointFailed | null;
    /** A storage request (or Resume) that failed, in words. */
    error: string | null;
    /** A storage request sent and not yet answered. */
    busy: number | null;
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
    origin: null,
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
    loaded: null,
    recordId: null,
  },
  storage: {
    report: null,
    plan: null,
    lastSaved: null,
    savedEpoch: 0,
    failure: null,
    error: null,
    busy: null,
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
