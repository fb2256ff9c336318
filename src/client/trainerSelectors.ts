// Answers the page derives from TrainerState: can Train be pressed, how long is left, is there a
// model to ask.

import { isTrainingActive, isTrainingBusy } from './trainerState';
import type { TrainerState, TrainerView } from './trainerState';

export function canStartTraining(state: TrainerView): boolean {
  return (
    state.worker.status === 'ready' &&
    state.data.status === 'loaded' &&
    !isTrainingBusy(state) &&
    !otherTabTraining(state)
  );
}

export const OTHER_TAB_TRAINING =
  'A run is training in another tab of this app, and only one tab trains at a time: stop it ' +
  'there or wait until it ends. Its checkpoint and history are left alone here.';

/** Another tab of this app is training: this one must not start a run (one tab trains at a time). */
export function otherTabTraining(state: TrainerState): boolean {
  return state.storage.report?.otherTab.training === true;
}

export interface Eta {
  /** Seconds until the current epoch's training steps end; null before a speed is known. */
  epochSeconds: number | null;
  /** Seconds until the last epoch's training steps end (test evaluation not included). */
  runSeconds: number | null;
}

export function trainingEta(state: TrainerState): Eta {
  const { progress, config, imagesPerEpoch, status } = state.training;
  if (!progress || !config || progress.imagesPerSec <= 0 || !isTrainingActive(status)) {
    return { epochSeconds: null, runSeconds: null };
  }
  const leftInEpoch = Math.max(0, progress.imagesTotal - progress.imagesDone);
  const laterEpochs = Math.max(0, config.epochs - progress.epoch);
  return {
    epochSeconds: leftInEpoch / progress.imagesPerSec,
    runSeconds: (leftInEpoch + laterEpochs * imagesPerEpoch) / progress.imagesPerSec,
  };
}

/** `modelId` names the model (a run's, or one loaded from files) whose weights answer, so a
 * prediction made with one model can tell when another has replaced it. */
export type ModelAvailability =
  | { kind: 'none' }
  /** Weights exist but are mid-training; `epochsDone` full epochs so far. */
  | { kind: 'training'; epochsDone: number; modelId: number }
  | {
      kind: 'trained';
      epochsDone: number;
      modelId: number;
      /** The model.json the weights came from, when they were loaded rather than trained here. */
      loadedFrom?: string;
    };

/** Whether `predict` has weights to use. A model exists once the worker confirmed a run started. */
export function modelAvailability(state: TrainerView): ModelAvailability {
  const { status, epochs, modelId } = state.training;
  // While a new run is being asked for, the worker may already have thrown the old weights away.
  if (state.worker.status !== 'ready' || modelId === null || state.requests.starting) {
    return { kind: 'none' };
  }
  if (status === 'running' || status === 'paused') {
    return { kind: 'training', epochsDone: epochs.length, modelId };
  }
  const loaded = state.training.loaded;
  if (loaded && status === 'idle') {
    return {
      kind: 'trained',
      epochsDone: loaded.epochsDone ?? 0,
      modelId,
      loadedFrom: loaded.fileName,
    };
  }
  if (status === 'finished' || status === 'stopped') {
    return { kind: 'trained', epochsDone: epochs.length, modelId };
  }
  // 'failed': a failed run's weights are discarded.
  return { kind: 'none' };
}

/**
 * True while a run has trained past its last checkpoint: leaving the page would lose that work, so
 * the page asks first (beforeunload).
 */
export function hasUnsavedTraining(state: TrainerState): boolean {
  const { status, progress } = state.training;
  if (!isTrainingActive(status) || !progress) return false;
  const fraction = progress.imagesTotal > 0 ? progress.imagesDone / progress.imagesTotal : 0;
  return progress.epoch - 1 + fraction > state.storage.savedEpoch;
}

/** Resume can be pressed: a checkpoint to resume, and a worker ready to train. */
export function canResume(state: TrainerView): boolean {
  return state.resumable !== null && canStartTraining(state);
}

/**
 * The finished epoch whose checkpoint is being written now, or null. Until the worker says it is
 * saved, the epoch is not kept: a reload now resumes from the checkpoint before it.
 */
export function savingEpoch(state: TrainerView): number | null {
  const { training, storage } = state;
  const last = training.epochs.at(-1)?.epoch;
  if (!isTrainingBusy(state) || last === undefined || !training.config) return null;
  if (last >= training.config.epochs || (storage.report?.mode ?? storage.plan?.mode) === 'off')
    return null;
  if (last <= storage.savedEpoch || storage.failure?.epoch === last) return null;
  return last;
}
