// Answers the page derives from TrainerState: can Train be pressed, how long is left, is there a
// model to ask.

import { isTrainingActive } from './trainerReducer';
import type { TrainerState } from './trainerReducer';

export function canStartTraining(state: TrainerState): boolean {
  return (
    state.worker.status === 'ready' &&
    state.data.status === 'loaded' &&
    !isTrainingActive(state.training.status)
  );
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

export type ModelAvailability =
  | { kind: 'none' }
  /** Weights exist but are mid-training; `epochsDone` full epochs so far. */
  | { kind: 'training'; epochsDone: number }
  | { kind: 'trained'; epochsDone: number };

/** Whether `predict` has weights to use. A model exists once the worker confirmed a run started. */
export function modelAvailability(state: TrainerState): ModelAvailability {
  const { status, epochs } = state.training;
  if (state.worker.status !== 'ready') return { kind: 'none' };
  if (status === 'running' || status === 'paused') {
    return { kind: 'training', epochsDone: epochs.length };
  }
  if (status === 'finished' || status === 'stopped') {
    return { kind: 'trained', epochsDone: epochs.length };
  }
  // 'starting': the worker throws the previous weights away as it builds the new model.
  // 'failed': a failed run's weights are discarded too.
  return { kind: 'none' };
}
