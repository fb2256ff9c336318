// How the page's state takes the bad news: a worker that failed or died, a data load that failed,
// a refused request, a deadline that passed. Part of trainerReducer.ts.

import type { WorkerEvent } from '../protocol';
import type { ClientEvent } from './TrainerClient';
import { isTrainingActive, type TrainerState } from './trainerState';

/** The worker cannot go on: one message, in the banner; a run in progress failed with it. */
function workerFailed(state: TrainerState, message: string): TrainerState {
  const { training, data } = state;
  return {
    ...state,
    worker: { ...state.worker, status: 'failed', error: message, silent: null },
    data:
      data.status === 'loading'
        ? { ...data, status: 'error', summary: null, error: 'Interrupted: the worker stopped.' }
        : data,
    training: {
      ...training,
      status: isTrainingActive(training.status) ? 'failed' : training.status,
      pendingStart: null,
      awaiting: null,
      // The banner says what happened; a knock-on error beside it would only repeat it, rawer.
      error: null,
    },
  };
}

function dataFailed(state: TrainerState, message: string): TrainerState {
  return {
    ...state,
    data: { ...state.data, status: 'error', summary: null, loaded: null, error: message },
  };
}

export function onError(
  state: TrainerState,
  event: Extract<WorkerEvent, { type: 'error' }>,
): TrainerState {
  if (event.fatal || event.scope === 'backend') return workerFailed(state, event.message);
  // A dead or crashed worker's later complaints are knock-on effects of what the banner says.
  if (state.worker.status === 'failed') return state;
  const { training } = state;
  switch (event.scope) {
    case 'data':
      // An answer to a superseded loadData is not news.
      return event.id === state.data.requestId ? dataFailed(state, event.message) : state;
    case 'training':
      return {
        ...state,
        training: {
          ...training,
          pendingStart: event.id === training.pendingStart?.id ? null : training.pendingStart,
          awaiting: event.id === training.awaiting?.id ? null : training.awaiting,
          error: event.message,
        },
      };
    case 'storage':
      // Checkpoints, history and model files: the app goes on without them; the message is shown
      // where they are. A failed Resume was a run start.
      return {
        ...state,
        training: {
          ...training,
          pendingStart: event.id === training.pendingStart?.id ? null : training.pendingStart,
        },
        // Save model and Load model answer their caller (TrainerClient's promise) instead.
        storage:
          event.id === undefined ||
          event.id === state.storage.busy ||
          event.id === training.pendingStart?.id
            ? { ...state.storage, error: event.message, busy: null }
            : state.storage,
      };
    case 'predict':
    case 'protocol':
      // Answers to a request reach their caller through TrainerClient's promise.
      return event.id === undefined ? { ...state, notice: event.message } : state;
  }
}

/**
 * A request whose deadline passed releases whatever it held, whichever command it was: the data
 * load, a run start (train or resumeCheckpoint), a pause/resume/stop, a storage request. Matching
 * by id rather than by command means no command can leave a control locked behind it.
 */
export function onTimeout(
  state: TrainerState,
  event: Extract<ClientEvent, { type: 'client/requestTimedOut' }>,
): TrainerState {
  if (event.command === 'init') return workerFailed(state, event.message);
  const { training, storage } = state;
  if (event.id === state.data.requestId) return dataFailed(state, event.message);
  if (event.id === training.pendingStart?.id) {
    return {
      ...state,
      training: { ...training, pendingStart: null, error: event.message },
      storage: event.id === storage.busy ? { ...storage, busy: null } : storage,
    };
  }
  if (event.id === training.awaiting?.id) {
    return { ...state, training: { ...training, awaiting: null }, notice: event.message };
  }
  if (event.id === storage.busy) {
    return { ...state, storage: { ...storage, busy: null, error: event.message } };
  }
  // Held nothing (attach, ping, predict, classifySamples, insight): the heartbeat or the
  // request's own caller, through TrainerClient's rejected promise, reports it.
  return state;
}
