// State + event -> state, for everything the page knows about the worker (trainerState.ts): it
// folds what the worker reports (the backend, the data, the run's stream of batches, epochs,
// checkpoints and end, what is stored) and the failures of the page's requests. Which requests are
// under way is not state here (trainerRequests.ts). Pure, so each transition (crashes, restarts
// included) is unit-tested without a browser.

import type { DoneReason, WorkerEvent } from '../protocol';
import type { ClientEvent } from './TrainerClient';
import { onError, onRequestFailed, type RequestFailed } from './trainerFailures';
import { onStorageEvent } from './storageReducer';
import {
  initialTrainerState,
  isTrainingActive,
  type BatchLossPoint,
  type EpochProgress,
  type TrainerState,
  type TrainingStatus,
} from './trainerState';

export * from './trainerState';

/** Things the page itself did, and what became of its requests. */
export type ClientAction =
  /** A new worker was created (first start or restart): everything known so far is void. */
  | { type: 'client/started' }
  /** A data load was asked for: the bar starts again. */
  | { type: 'client/loadDataRequested' }
  /** Train or Resume was asked for: the last start's message goes. */
  | { type: 'client/startRequested'; resume: boolean }
  /** A storage request was sent: the last one's message goes. */
  | { type: 'client/storageRequested' }
  | RequestFailed
  | { type: 'client/noticeDismissed' };

export type TrainerAction = WorkerEvent | ClientEvent | ClientAction;

/** Enough running-loss points to draw a long run; older ones are thinned out beyond this. */
export const MAX_BATCH_POINTS = 2000;

/** Keeps every other point of the older half when the list is full: the curve keeps its shape. */
function appendBounded(points: BatchLossPoint[], point: BatchLossPoint): BatchLossPoint[] {
  if (points.length < MAX_BATCH_POINTS) return [...points, point];
  const half = Math.floor(points.length / 2);
  const thinned = points.slice(0, half).filter((_, i) => i % 2 === 0);
  return [...thinned, ...points.slice(half), point];
}

function onClientAction(state: TrainerState, action: ClientAction | ClientEvent): TrainerState {
  const { training } = state;
  switch (action.type) {
    case 'client/started':
      // A fresh worker knows nothing; what could be resumed is kept for it, and the count of
      // models, so the next one's id is new.
      return { ...initialTrainerState, resumable: state.resumable, modelCount: state.modelCount };
    case 'client/loadDataRequested':
      return {
        ...state,
        data: {
          ...state.data,
          status: 'loading',
          summary: null,
          loadedBytes: 0,
          loaded: null,
          error: null,
        },
      };
    case 'client/startRequested':
      return {
        ...state,
        training: { ...training, error: null },
        storage: action.resume ? { ...state.storage, error: null } : state.storage,
      };
    case 'client/storageRequested':
      return { ...state, storage: { ...state.storage, error: null } };
    case 'client/requestFailed':
      return onRequestFailed(state, action);
    case 'client/noticeDismissed':
      return { ...state, notice: null };
    case 'client/silent':
      if (state.worker.status === 'failed') return state;
      return {
        ...state,
        worker: { ...state.worker, silent: { stillRunning: action.stillRunning } },
      };
    case 'client/answering':
      return { ...state, worker: { ...state.worker, silent: null } };
  }
}

export function trainerReducer(state: TrainerState, action: TrainerAction): TrainerState {
  const { training, data } = state;
  switch (action.type) {
    case 'attached':
    case 'pong':
    case 'prediction':
    case 'samples':
    case 'modelFiles':
    case 'onnxFile':
    case 'cellExamples':
    case 'filters':
    case 'inspection':
      // Answers to requests: their promises carry them to the component that asked.
      return state;
    case 'stepProfile':
      return { ...state, stepProfile: action.profile };
    case 'stored':
    case 'checkpointSaved':
    case 'checkpointFailed':
    case 'modelLoaded':
      return onStorageEvent(state, action);
    case 'ready':
      return {
        ...state,
        worker: { ...state.worker, status: 'ready', backend: action.backend, error: null },
      };
    case 'dataset':
      return {
        ...state,
        data: { ...data, summary: action.summary, totalBytes: action.summary.totalBytes },
      };
    case 'dataProgress':
      return {
        ...state,
        data: { ...data, loadedBytes: action.loadedBytes, totalBytes: action.totalBytes },
      };
    case 'dataLoaded':
      return {
        ...state,
        data: {
          ...data,
          status: 'loaded',
          loadedBytes: data.totalBytes,
          loaded: { trainCount: action.trainCount, testCount: action.testCount },
          error: null,
          origin:
            action.origin !== undefined
              ? {
                  from: action.origin,
                  seconds: action.seconds ?? 0,
                  downloadedBytes: action.downloadedBytes ?? 0,
                }
              : null,
        },
      };
    case 'trainStarted': {
      const resumed = action.resumed;
      const progress: EpochProgress = {
        epoch: (resumed?.epochsDone ?? 0) + 1,
        imagesDone: 0,
        imagesTotal: action.imagesPerEpoch,
        imagesPerSec: 0,
      };
      const modelId = state.modelCount + 1;
      return {
        ...state,
        modelCount: modelId,
        training: {
          status: 'running',
          modelId,
          config: action.config,
          stepsPerEpoch: action.stepsPerEpoch,
          imagesPerEpoch: action.imagesPerEpoch,
          stopping: false,
          progress,
          batchLosses: [],
          // A resumed run's finished epochs come back: their rows, and their points on the curves.
          epochs: resumed?.epochs ?? [],
          error: null,
          loaded: null,
          recordId: action.runId ?? null,
        },
        storage: {
          ...state.storage,
          plan: action.checkpoint ?? null,
          lastSaved: null,
          savedEpoch: resumed?.epochsDone ?? 0,
          failure: null,
          error: null,
        },
      };
    }
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
    case 'resumed': {
      if (!isTrainingActive(training.status)) return state;
      const status: TrainingStatus = action.type === 'paused' ? 'paused' : 'running';
      return { ...state, training: { ...training, status } };
    }
    case 'stopping':
      // The stop was seen; Stop keeps waiting until `done`.
      return isTrainingActive(training.status)
        ? { ...state, training: { ...training, stopping: true } }
        : state;
    case 'done': {
      const status: TrainingStatus = action.reason satisfies DoneReason;
      return { ...state, training: { ...training, status, stopping: false } };
    }
    case 'error':
      return onError(state, action);
    default:
      return onClientAction(state, action);
  }
}
