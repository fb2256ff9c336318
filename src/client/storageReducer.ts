// How the page's state takes what the worker says about storage: what is stored (and so what can be
// resumed), each checkpoint saved or not, model files loaded. Part of trainerReducer.ts.

import type { StorageReport, WorkerEvent } from '../protocol';
import { initialTrainerState, type ResumableCheckpoint, type TrainerState } from './trainerState';

type StorageEvent = Extract<
  WorkerEvent,
  { type: 'stored' | 'checkpointSaved' | 'checkpointFailed' | 'modelLoaded' }
>;

/** The checkpoint to offer: one whose run has epochs left. */
export function resumableFrom(report: StorageReport): ResumableCheckpoint | null {
  const c = report.checkpoint;
  if (!c || c.epochsDone >= c.config.epochs) return null;
  // Another tab's live run: not this tab's to resume or discard.
  if (report.otherTab.training || report.otherTab.runIds.includes(c.runId)) return null;
  return {
    epoch: c.epochsDone,
    config: c.config,
    runName: c.runName,
    savedAt: c.savedAt,
    contents: c.contents,
  };
}

export function onStorageEvent(state: TrainerState, event: StorageEvent): TrainerState {
  const { storage } = state;
  switch (event.type) {
    case 'stored':
      return {
        ...state,
        // A checkpoint no longer stored (the run finished, or it was discarded) is no longer
        // reported as saved.
        storage: {
          ...storage,
          report: event.report,
          lastSaved: event.report.checkpoint ? storage.lastSaved : null,
        },
        resumable: resumableFrom(event.report),
      };
    case 'checkpointSaved': {
      const { epoch, bytes, seconds, contents } = event;
      const saved = { epoch, bytes, seconds, contents };
      return {
        ...state,
        storage: { ...storage, lastSaved: saved, savedEpoch: saved.epoch, failure: null },
      };
    }
    case 'checkpointFailed': {
      const { epoch, reason, message, neededBytes, freeBytes } = event;
      const failure = { epoch, reason, message, neededBytes, freeBytes };
      return { ...state, storage: { ...storage, failure } };
    }
    case 'modelLoaded': {
      const modelId = state.modelCount + 1;
      return {
        ...state,
        modelCount: modelId,
        training: {
          ...initialTrainerState.training,
          modelId,
          loaded: { model: event.model, fileName: event.fileName, epochsDone: event.epochsDone },
        },
        storage: { ...storage, error: null },
      };
    }
  }
}
