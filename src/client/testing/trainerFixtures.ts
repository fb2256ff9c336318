// Test helper: states and actions for the trainer reducer's tests.

import { FASHION_MNIST_CLASSES, PLAIN_RECIPE_OPTIONS } from '../../protocol';
import type { BackendInfo, EpochMetrics, TrainConfig } from '../../protocol';
import { initialTrainerState, NO_REQUESTS, trainerReducer } from '../trainerReducer';
import type { RequestsInFlight, TrainerAction, TrainerState, TrainerView } from '../trainerReducer';

export const backend: BackendInfo = {
  name: 'webgpu',
  fallbackReasons: [],
  isSoftware: true,
  kernels: { mode: 'own', own: [] },
};
export const config: TrainConfig = {
  model: 'alexnet-mini',
  epochs: 2,
  batchSize: 64,
  learningRate: 0.001,
  trainImages: 512,
  testImages: 256,
  seed: 1,
  ...PLAIN_RECIPE_OPTIONS,
};

export function metrics(epoch: number): EpochMetrics {
  return {
    epoch,
    trainLoss: 1 / epoch,
    trainAccuracy: 0.5,
    testLoss: 1,
    testAccuracy: 0.6,
    trainSeconds: 10,
    evalSeconds: 1,
    imagesPerSec: 51.2,
  };
}

export const run = (actions: TrainerAction[], from: TrainerState = initialTrainerState) =>
  actions.reduce(trainerReducer, from);

export const loaded = run([
  { type: 'ready', id: 2, backend },
  { type: 'client/loadDataRequested' },
  {
    type: 'dataset',
    id: 3,
    summary: {
      trainCount: 60000,
      testCount: 10000,
      classNames: FASHION_MNIST_CLASSES,
      totalBytes: 1000,
    },
  },
  { type: 'dataProgress', id: 3, loadedBytes: 400, totalBytes: 1000 },
  { type: 'dataLoaded', id: 3, trainCount: 60000, testCount: 10000 },
]);

export const running = run(
  [
    { type: 'client/startRequested', resume: false },
    { type: 'trainStarted', id: 7, config, stepsPerEpoch: 8, imagesPerEpoch: 512 },
  ],
  loaded,
);

/** What the page shows for `state`, with `requests` under way (none by default). */
export const view = (
  state: TrainerState,
  requests: Partial<RequestsInFlight> = {},
): TrainerView => ({
  ...state,
  requests: { ...NO_REQUESTS, ...requests },
});
