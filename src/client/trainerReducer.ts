// Everything the page knows about the worker, as one value: state + event -> state. Pure, so each
// transition (including crashes and restarts) is unit-tested without a browser.

import type {
  BackendInfo,
  DatasetSummary,
  DoneReason,
  EpochMetrics,
  TrainConfig,
  WorkerEvent,
} from '../protocol';

export type WorkerStatus = 'starting' | 'ready' | 'failed';
export type DataStatus = 'idle' | 'loading' | 'loaded' | 'error';
export type TrainingStatus =
  'idle' | 'starting' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';
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

export interface TrainerState {
  worker: { status: WorkerStatus; backend: BackendInfo | null; error: string | null };
  data: {
    status: DataStatus;
    summary: DatasetSummary | null;
    loadedBytes: number;
    totalBytes: number;
    /** Counts the worker actually holds once loading finished. */
    loaded: { trainCount: number; testCount: number } | null;
    error: string | null;
  };
  training: {
    status: TrainingStatus;
    /** Where to return if the worker refuses a `train` request. */
    statusBeforeRequest: TrainingStatus;
    config: TrainConfig | null;
    stepsPerEpoch: number;
    imagesPerEpoch: number;
    /** A control command sent and not yet acknowledged, so its button can wait. */
    awaiting: ControlCommand | null;
    progress: EpochProgress | null;
    batchLosses: BatchLossPoint[];
    epochs: EpochMetrics[];
    error: string | null;
  };
  /** A problem that belongs to no panel (a prediction failing outside a request, a bad message). */
  notice: string | null;
}

/** Things the page itself did, that the worker has not answered yet. */
export type ClientAction =
  /** A new worker was created (first start or restart): everything known so far is void. */
  | { type: 'client/started' }
  | { type: 'client/loadDataRequested' }
  | { type: 'client/trainRequested'; config: TrainConfig }
  | { type: 'client/controlRequested'; command: ControlCommand }
  | { type: 'client/noticeDismissed' };

export type TrainerAction = WorkerEvent | ClientAction;

/** Enough running-loss points to draw a long run; older ones are thinned out beyond this. */
export const MAX_BATCH_POINTS = 2000;

export const initialTrainerState: TrainerState = {
  worker: { status: 'starting', backend: null, error: null },
  data: {
    status: 'idle',
    summary: null,
    loadedBytes: 0,
    totalBytes: 0,
    loaded: null,
    error: null,
  },
  training: {
    status: 'idle',
    statusBeforeRequest: 'idle',
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
};

const ACTIVE: ReadonlySet<TrainingStatus> = new Set(['starting', 'running', 'paused']);

export function isTrainingActive(status: TrainingStatus): boolean {
  return ACTIVE.has(status);
}

/** Keeps every other point of the older half when the list is full: the curve keeps its shape. */
function appendBounded(points: BatchLossPoint[], point: BatchLossPoint): BatchLossPoint[] {
  if (points.length < MAX_BATCH_POINTS) return [...points, point];
  const half = Math.floor(points.length / 2);
  const thinned = points.slice(0, half).filter((_, i) => i % 2 === 0);
  return [...thinned, ...points.slice(half), point];
}

function onError(
  state: TrainerState,
  event: Extract<WorkerEvent, { type: 'error' }>,
): TrainerState {
  const training = state.training;
  if (event.fatal || event.scope === 'backend') {
    return {
      ...state,
      worker: { ...state.worker, status: 'failed', error: event.message },
      data:
        state.data.status === 'loading'
          ? { ...state.data, status: 'error', error: 'Interrupted: the worker stopped.' }
          : state.data,
      training: isTrainingActive(training.status)
        ? { ...training, status: 'stopped', awaiting: null, error: event.message }
        : training,
    };
  }
  switch (event.scope) {
    case 'data':
      return { ...state, data: { ...state.data, status: 'error', error: event.message } };
    case 'training':
      return {
        ...state,
        training: {
          ...training,
          // A refused `train` returns to where we were; a complaint during a run leaves it running.
          status: training.status === 'starting' ? training.statusBeforeRequest : training.status,
          awaiting: null,
          error: event.message,
        },
      };
    case 'predict':
    case 'protocol':
      // Answers to a request reach their caller through TrainerClient's promise.
      return event.id === undefined ? { ...state, notice: event.message } : state;
  }
}

function onClientAction(state: TrainerState, action: ClientAction): TrainerState {
  switch (action.type) {
    case 'client/started':
      return initialTrainerState;
    case 'client/loadDataRequested':
      return {
        ...state,
        data: { ...state.data, status: 'loading', loadedBytes: 0, loaded: null, error: null },
      };
    case 'client/trainRequested':
      if (isTrainingActive(state.training.status)) return state;
      return {
        ...state,
        training: {
          ...state.training,
          status: 'starting',
          statusBeforeRequest: state.training.status,
          config: action.config,
          awaiting: null,
          error: null,
        },
      };
    case 'client/controlRequested':
      return { ...state, training: { ...state.training, awaiting: action.command } };
    case 'client/noticeDismissed':
      return { ...state, notice: null };
  }
}

export function trainerReducer(state: TrainerState, action: TrainerAction): TrainerState {
  const training = state.training;
  switch (action.type) {
    case 'ready':
      return { ...state, worker: { status: 'ready', backend: action.backend, error: null } };
    case 'dataset':
      return {
        ...state,
        data: {
          ...state.data,
          status: state.data.status === 'loaded' ? 'loaded' : 'loading',
          summary: action.summary,
          totalBytes: action.summary.totalBytes,
        },
      };
    case 'dataProgress':
      return {
        ...state,
        data: { ...state.data, loadedBytes: action.loadedBytes, totalBytes: action.totalBytes },
      };
    case 'dataLoaded':
      return {
        ...state,
        data: {
          ...state.data,
          status: 'loaded',
          loadedBytes: state.data.totalBytes,
          loaded: { trainCount: action.trainCount, testCount: action.testCount },
          error: null,
        },
      };
    case 'trainStarted':
      return {
        ...state,
        training: {
          ...training,
          status: 'running',
          config: action.config,
          stepsPerEpoch: action.stepsPerEpoch,
          imagesPerEpoch: action.imagesPerEpoch,
          awaiting: null,
          progress: {
            epoch: 1,
            imagesDone: 0,
            imagesTotal: action.imagesPerEpoch,
            imagesPerSec: 0,
          },
          batchLosses: [],
          epochs: [],
          error: null,
        },
      };
    case 'batch': {
      const progress: EpochProgress = {
        epoch: action.epoch,
        imagesDone: action.imagesDone,
        imagesTotal: action.imagesTotal,
        imagesPerSec: action.imagesPerSec,
      };
      const x =
        action.epoch - 1 + (action.imagesTotal > 0 ? action.imagesDone / action.imagesTotal : 0);
      const batchLosses =
        action.loss === undefined || !Number.isFinite(action.loss)
          ? training.batchLosses
          : appendBounded(training.batchLosses, { x, loss: action.loss });
      return { ...state, training: { ...training, progress, batchLosses } };
    }
    case 'epoch': {
      const epochs = [
        ...training.epochs.filter((e) => e.epoch !== action.metrics.epoch),
        action.metrics,
      ].sort((a, b) => a.epoch - b.epoch);
      const progress = training.progress
        ? { ...training.progress, imagesDone: training.progress.imagesTotal }
        : null;
      return { ...state, training: { ...training, epochs, progress } };
    }
    case 'paused':
      return { ...state, training: { ...training, status: 'paused', awaiting: null } };
    case 'resumed':
      return { ...state, training: { ...training, status: 'running', awaiting: null } };
    case 'done': {
      const status: TrainingStatus = action.reason satisfies DoneReason;
      return { ...state, training: { ...training, status, awaiting: null } };
    }
    case 'prediction':
    case 'samples':
      return state;
    case 'error':
      return onError(state, action);
    default:
      return onClientAction(state, action);
  }
}
