// How the page's state takes the bad news: a worker that failed or died, an error the worker
// raised on its own (mid-run), and a request of the page's that failed. Part of trainerReducer.ts.

import type { CommandName, ErrorScope, WorkerError } from '../protocol';
import { isTrainingActive, type TrainerState } from './trainerState';

/** A request whose failure belongs in the page's state (the others' callers show their own). */
export type StateCommand = Extract<
  CommandName,
  | 'init'
  | 'loadData'
  | 'train'
  | 'resumeCheckpoint'
  | 'pause'
  | 'resume'
  | 'stop'
  | 'listStored'
  | 'discardCheckpoint'
  | 'renameRun'
  | 'deleteRun'
  | 'removeDamagedRuns'
  | 'setCheckpointMode'
>;

/** A request of the page's failed: refused by the worker (`scope` set) or out of time (null). */
export interface RequestFailed {
  type: 'client/requestFailed';
  command: StateCommand;
  scope: ErrorScope | null;
  message: string;
}

type Place = 'worker' | 'data' | 'training' | 'notice' | 'storage';

/** Where a failed request's message goes when the worker did not say (a passed deadline). */
const PLACE: Readonly<Record<StateCommand, Place>> = {
  init: 'worker',
  loadData: 'data',
  train: 'training',
  resumeCheckpoint: 'training',
  // The buttons are usable again; a line above the page says the worker did not answer.
  pause: 'notice',
  resume: 'notice',
  stop: 'notice',
  listStored: 'storage',
  discardCheckpoint: 'storage',
  renameRun: 'storage',
  deleteRun: 'storage',
  removeDamagedRuns: 'storage',
  setCheckpointMode: 'storage',
};

/** The worker's own word on which part failed wins over the command's default. */
const PLACE_OF_SCOPE: Partial<Record<ErrorScope, Place>> = {
  backend: 'worker',
  data: 'data',
  training: 'training',
  storage: 'storage',
};

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
      stopping: false,
      // The banner says what happened; a knock-on error beside it would only repeat it, rawer.
      error: null,
    },
  };
}

function placeMessage(state: TrainerState, place: Place, message: string): TrainerState {
  switch (place) {
    case 'worker':
      return workerFailed(state, message);
    case 'data':
      return {
        ...state,
        data: { ...state.data, status: 'error', summary: null, loaded: null, error: message },
      };
    case 'training':
      return { ...state, training: { ...state.training, error: message } };
    case 'storage':
      return { ...state, storage: { ...state.storage, error: message } };
    case 'notice':
      return { ...state, notice: message };
  }
}

/** An error the worker sent that no request of the page waits for (or a fatal one). */
export function onError(state: TrainerState, event: WorkerError): TrainerState {
  if (event.fatal || event.scope === 'backend') return workerFailed(state, event.message);
  // A dead or crashed worker's later complaints are knock-on effects of what the banner says.
  if (state.worker.status === 'failed') return state;
  switch (event.scope) {
    case 'data':
      // A request the page gave up on (a superseded load) is not news.
      return event.id === undefined ? placeMessage(state, 'data', event.message) : state;
    case 'training':
    case 'storage':
      return placeMessage(state, event.scope, event.message);
    case 'predict':
    case 'protocol':
      // With an id: the answer to a request whose caller stopped waiting. Without: news.
      return event.id === undefined ? { ...state, notice: event.message } : state;
  }
}

/** A failed request releases nothing here (its control was freed when its promise settled): its
 * message goes where the worker's scope, or else the command, says it belongs. */
export function onRequestFailed(state: TrainerState, failed: RequestFailed): TrainerState {
  if (state.worker.status === 'failed') return state;
  const place = (failed.scope && PLACE_OF_SCOPE[failed.scope]) ?? PLACE[failed.command];
  return placeMessage(state, place, failed.message);
}
