// Everything the page knows about the worker, as one value (trainerReducer.ts computes it).

import type {
  BackendInfo,
  CheckpointContents,
  CheckpointPlan,
  DataOrigin,
  DatasetSummary,
  EpochMetrics,
  ModelName,
  StepProfile,
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
    /** Once loaded: where the shards came from and how long it took. */
    origin: { from: DataOrigin; seconds: number; downloadedBytes: number } | null;
  };
  training: {
    status: TrainingStatus;
    /** Names the current weights (a run's, or a loaded model's) among the models this page has
     * had, so an answer computed with one model can tell when another has replaced it. */
    modelId: number | null;
    config: TrainConfig | null;
    stepsPerEpoch: number;
    imagesPerEpoch: number;
    /** The worker has seen Stop: the run ends after its current step. */
    stopping: boolean;
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
  };
  /** Models this page has had, across worker restarts: the next one's `modelId` follows it. */
  modelCount: number;
  /** A problem that belongs to no panel (a prediction failing outside a request, a bad message). */
  notice: string | null;
  resumable: ResumableCheckpoint | null;
  /** The latest sampled step profile of this worker's runs (the Performance panel); null before one. */
  stepProfile: StepProfile | null;
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
    origin: null,
  },
  training: {
    status: 'idle',
    modelId: null,
    config: null,
    stepsPerEpoch: 0,
    imagesPerEpoch: 0,
    stopping: false,
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
  },
  modelCount: 0,
  notice: null,
  resumable: null,
  stepProfile: null,
};

const ACTIVE: ReadonlySet<TrainingStatus> = new Set(['running', 'paused']);

/** A run exists in the worker (running or paused). */
export function isTrainingActive(status: TrainingStatus): boolean {
  return ACTIVE.has(status);
}

/**
 * The requests the page is waiting on that hold a control. Kept beside the state, not in it: each
 * is released when its promise settles (answered, refused, timed out, or the worker gone), so no
 * failure can leave a control locked.
 */
export interface RequestsInFlight {
  /** A train or resumeCheckpoint the worker has not answered: nothing changes until it does. */
  starting: TrainConfig | null;
  /** A pause, resume or stop not yet answered, so its button can wait. */
  control: ControlCommand | null;
  /** Storage requests (discard, rename, delete, checkpoint mode, remove damaged) not yet answered. */
  storage: number;
}

export const NO_REQUESTS: RequestsInFlight = { starting: null, control: null, storage: 0 };

/** What the page shows: the state the worker's events made, and the requests under way. */
export interface TrainerView extends TrainerState {
  requests: RequestsInFlight;
}

/** A run exists or is being asked for: the settings are locked. */
export function isTrainingBusy(view: Pick<TrainerView, 'training' | 'requests'>): boolean {
  return isTrainingActive(view.training.status) || view.requests.starting !== null;
}

/** Stop was pressed: asked for, or seen by the worker, and the run has not ended yet. */
export function isStopping(view: Pick<TrainerView, 'training' | 'requests'>): boolean {
  return view.requests.control === 'stop' || view.training.stopping;
}
