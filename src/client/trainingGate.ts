// Whether a run may start now, from each of the page's three doors (Train, Train from these
// weights, Resume), and why not in words. Besides the worker, the data and another tab
// (canStartTraining), two things only the page knows hold a run back: a GPU benchmark running in its own worker (the two
// would share the GPU and skew each other, so each refuses while the other runs), and settings in
// the form that do not parse or break a rule (a run from loaded weights takes the form's settings).

import {
  canResume,
  canStartTraining,
  OTHER_TAB_TRAINING,
  otherTabTraining,
} from './trainerSelectors';
import type { TrainerView } from './trainerState';

export const BENCHMARK_RUNNING =
  'A GPU benchmark is running (Performance tab): training now would share the GPU with it and ' +
  'skew both. Stop it or let it finish first.';
export const SETTINGS_INVALID =
  'The training settings have errors: correct them on the Training tab first.';
const DATA_FIRST = 'Resume is possible once the dataset has loaded.';

/** Why Train cannot be pressed for the worker's, the data's or another tab's sake, or null. */
function waitingReason(state: TrainerView): string | null {
  if (state.worker.status === 'starting')
    return 'Waiting for the training worker to pick a backend…';
  if (state.worker.status === 'failed') return 'The training worker has stopped.';
  if (state.data.status === 'error')
    return 'The dataset is needed before training: retry loading it.';
  if (state.data.status !== 'loaded') return 'Waiting for the dataset to finish loading…';
  if (otherTabTraining(state)) return OTHER_TAB_TRAINING;
  return null;
}

export interface TrainingGate {
  canTrain: boolean;
  /** Why Train is held back (the worker, the data, another tab, a benchmark), or null. */
  trainBlock: string | null;
  canTrainFromLoaded: boolean;
  trainFromLoadedBlock: string | null;
  canResume: boolean;
  resumeBlock: string | null;
}

export function trainingGate(
  state: TrainerView,
  page: { benchmarking: boolean; settingsValid: boolean },
): TrainingGate {
  const ready = canStartTraining(state);
  const bench = page.benchmarking ? BENCHMARK_RUNNING : null;
  const fromLoadedBlock = bench ?? (page.settingsValid ? null : SETTINGS_INVALID);
  return {
    canTrain: ready && !bench,
    trainBlock: waitingReason(state) ?? bench,
    canTrainFromLoaded: ready && fromLoadedBlock === null,
    trainFromLoadedBlock: fromLoadedBlock,
    canResume: canResume(state) && !bench,
    resumeBlock: bench ?? DATA_FIRST,
  };
}
