// Training configuration and per-epoch metrics, shared by the page and the worker.

import type { ClassEvaluation } from './insight';
import { REFERENCE_RECIPE, type PresetName, type RecipeSettings } from './recipe';

export type ModelName = 'alexnet' | 'alexnet-mini';

export const MODEL_NAMES: readonly ModelName[] = ['alexnet', 'alexnet-mini'];

/** A run's settings: the recipe (epochs, batch, learning-rate schedule, decay, smoothing,
 * augmentation, see ./recipe) and the model, data sizes and seed. */
export interface TrainConfig extends RecipeSettings {
  model: ModelName;
  /** How many training images to use (the first N of the 60,000), for quick runs. */
  trainImages: number;
  /** How many test images to evaluate on (the first N of the 10,000). */
  testImages: number;
  /** Seeds weight initialisation, shuffling, dropout and augmentation. */
  seed: number;
  /** The preset the recipe settings started from; the form marks where they depart from it. */
  preset: PresetName;
}

/** The reference PyTorch run from Dive into Deep Learning's AlexNet chapter. */
export const REFERENCE_CONFIG: TrainConfig = {
  ...REFERENCE_RECIPE,
  model: 'alexnet',
  trainImages: 60000,
  testImages: 10000,
  seed: 42,
  preset: 'reference',
};

/** The reference run's log (CUDA GPU, PyTorch), the bar this app is held to. */
export const REFERENCE_LOG: readonly {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
}[] = [
  { epoch: 1, loss: 0.6393, trainAccuracy: 0.757, testAccuracy: 0.856, seconds: 71.4 },
  { epoch: 2, loss: 0.3493, trainAccuracy: 0.871, testAccuracy: 0.881, seconds: 71.4 },
  { epoch: 3, loss: 0.2952, trainAccuracy: 0.891, testAccuracy: 0.894, seconds: 68.6 },
  { epoch: 4, loss: 0.2592, trainAccuracy: 0.904, testAccuracy: 0.899, seconds: 68.7 },
  { epoch: 5, loss: 0.2379, trainAccuracy: 0.913, testAccuracy: 0.901, seconds: 68.5 },
];

export interface EpochMetrics {
  /** 1-based. */
  epoch: number;
  /** Mean softmax cross-entropy over the epoch's training steps. */
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  /** Wall time of the epoch's training steps, evaluation excluded. */
  trainSeconds: number;
  /** Wall time of the test-set evaluation. */
  evalSeconds: number;
  /** Training images per second over the epoch. */
  imagesPerSec: number;
  /** The test evaluation by class (confusion matrix, precision, recall). Optional: metrics saved
   * before it existed have none. */
  classes?: ClassEvaluation;
}
