// A model, its Adam optimizer and two batches of synthetic images on the GPU, stepped as the
// Trainer's step does it (slice the epoch order, gather and unpack the batch, forward, loss,
// backward, the optimizer from createAdam, the loss sums, the reference recipe's dropout): what the dispatch count
// (stepDispatches.ts) and the step profiler's test measure.

import * as tf from '@tensorflow/tfjs';
import { createAdam } from '../kernels/fusedAdam';
import { MODEL_SPECS } from '../model/architecture';
import { buildModel, trainableVariables } from '../model/models';
import { REFERENCE_RECIPE, type KernelMode, type ModelName } from '../protocol';
import { GpuImageSet } from '../training/gpuImages';
import { GpuAccumulators, trainStep } from '../training/trainingStep';
import { syntheticImages } from './syntheticImages';

export interface SyntheticSteps {
  /** One training step on batch `index` (0 or 1), with dropout seed `seedOffset + index`. */
  step(index: number): void;
  /** Waits for the loss sums' reads, then frees the model, optimizer, images and sums. */
  dispose(): Promise<void>;
  /** The loss sums the steps add to (read them to wait for a step's GPU work). */
  sums: GpuAccumulators;
}

export function syntheticSteps(
  name: ModelName,
  batchSize: number,
  kernels: KernelMode,
  seedOffset = 0,
): SyntheticSteps {
  const spec = MODEL_SPECS[name];
  const model = buildModel(name, 1);
  const variables = trainableVariables(model);
  const optimizer = createAdam(0.001, kernels);
  const images = GpuImageSet.upload(syntheticImages(2 * batchSize));
  const order = tf.tensor1d(
    Int32Array.from({ length: 2 * batchSize }, (_, i) => i),
    'int32',
  );
  const sums = new GpuAccumulators();
  return {
    step: (index) =>
      tf.tidy(() => {
        const batch = images.gather(tf.slice(order, [index * batchSize], [batchSize]));
        // The reference recipe's dropout: the dispatch count includes the dropout passes.
        trainStep(model, spec, optimizer, variables, batch, seedOffset + index, sums, {
          kernels,
          dropoutRate: REFERENCE_RECIPE.dropout,
        });
      }),
    dispose: async () => {
      await sums.read();
      sums.dispose();
      tf.dispose([order]);
      images.dispose();
      optimizer.dispose();
      model.dispose();
    },
    sums,
  };
}
