// Checks a TrainConfig from the page before any tensor is made, with messages a student can act on.

import type { TrainConfig } from '../protocol';
import { MODEL_NAMES } from '../protocol';

export class TrainConfigError extends Error {
  override name = 'TrainConfigError';
}

const isPositiveInteger = (n: unknown): n is number => Number.isInteger(n) && Number(n) >= 1;

/** Throws a TrainConfigError naming the first bad field. `available` = images loaded per split. */
export function validateTrainConfig(
  config: TrainConfig,
  available: { train: number; test: number },
): void {
  const fail = (message: string): never => {
    throw new TrainConfigError(message);
  };
  if (!MODEL_NAMES.includes(config.model)) {
    fail(`Unknown model "${String(config.model)}": choose ${MODEL_NAMES.join(' or ')}.`);
  }
  if (!isPositiveInteger(config.epochs)) fail(`Epochs must be a whole number >= 1.`);
  if (!isPositiveInteger(config.batchSize)) fail(`Batch size must be a whole number >= 1.`);
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    fail(`Learning rate must be a number above 0.`);
  }
  if (!isPositiveInteger(config.trainImages)) fail(`Training images must be a whole number >= 1.`);
  if (!isPositiveInteger(config.testImages)) fail(`Test images must be a whole number >= 1.`);
  if (!Number.isInteger(config.seed)) fail(`Seed must be a whole number.`);
  if (typeof config.augment !== 'boolean') fail(`Augment must be true or false.`);
  if (available.train < 1 || available.test < 1) fail('The dataset has no images loaded.');
  const trainImages = Math.min(config.trainImages, available.train);
  if (trainImages < config.batchSize) {
    fail(
      `Batch size ${config.batchSize} is larger than the ${trainImages} training images: ` +
        `no full batch to train on. Use more images or a smaller batch.`,
    );
  }
}
