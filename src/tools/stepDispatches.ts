// The number of GPU dispatches one training step records in a kernel mode: the
// Trainer's step (slice the epoch order, gather and unpack the batch, forward, loss, backward, the
// optimizer from createAdam, the loss sums), on synthetic images. A count, not a time, so the
// comparison of kernel modes holds on any GPU. Used by a test and by scripts/count-dispatches.ts.

import * as tf from '@tensorflow/tfjs';
import { createAdam } from '../kernels/fusedAdam';
import { MODEL_SPECS } from '../model/architecture';
import { buildModel, trainableVariables } from '../model/models';
import { REFERENCE_RECIPE, type KernelMode, type ModelName } from '../protocol';
import { GpuImageSet } from '../training/gpuImages';
import { GpuAccumulators, trainStep } from '../training/trainingStep';
import { countDispatches } from './dispatchCounter';
import { syntheticImages } from './syntheticImages';

/**
 * Dispatches of the second of two training steps of `name` at `batchSize` on the current backend
 * (the first creates Adam's moments and compiles the pipelines).
 */
export async function countTrainingStepDispatches(
  name: ModelName,
  batchSize: number,
  kernels: KernelMode,
): Promise<number> {
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
  // As Trainer.step does it, with the reference recipe's dropout.
  const step = (index: number) =>
    tf.tidy(() => {
      const batch = images.gather(tf.slice(order, [index * batchSize], [batchSize]));
      trainStep(model, spec, optimizer, variables, batch, 1000 + index, sums, {
        kernels,
        dropoutRate: REFERENCE_RECIPE.dropout,
      });
    });
  try {
    step(0);
    await sums.read();
    return await countDispatches(() => step(1));
  } finally {
    await sums.read();
    sums.dispose();
    tf.dispose([order]);
    images.dispose();
    optimizer.dispose();
    model.dispose();
  }
}
