// The number of GPU dispatches one training step records in a kernel mode: the
// Trainer's step (slice the epoch order, gather and unpack the batch, forward, loss, backward, the
// optimizer from createAdam, the loss sums), on synthetic images. A count, not a time, so the
// comparison of kernel modes holds on any GPU. Used by a test and by scripts/count-dispatches.ts.

import type { KernelMode, ModelName } from '../protocol';
import { countDispatches } from './dispatchCounter';
import { syntheticSteps } from './syntheticSteps';

/**
 * Dispatches of the second of two training steps of `name` at `batchSize` on the current backend
 * (the first creates Adam's moments and compiles the pipelines).
 */
export async function countTrainingStepDispatches(
  name: ModelName,
  batchSize: number,
  kernels: KernelMode,
): Promise<number> {
  const steps = syntheticSteps(name, batchSize, kernels, 1000);
  try {
    steps.step(0);
    await steps.sums.read();
    return await countDispatches(() => steps.step(1));
  } finally {
    await steps.dispose();
  }
}
