// For the *.webgpu.test.ts that hold a model on WebGPU to the CPU's numbers: the same network built
// on the CPU backend from the same seed, so with the same weights.

import type * as tf from '@tensorflow/tfjs';
import type { ModelName } from '../../protocol';
import { onCpu } from '../../testing/webgpuNode';
import { buildModel } from '../models';

/** `fn` on the CPU (own kernels) with a CPU copy of `name` built from `seed`, disposed after. */
export function onCpuModel<T>(
  name: ModelName,
  seed: number,
  fn: (model: tf.LayersModel) => Promise<T>,
): Promise<T> {
  return onCpu(async () => {
    const model = buildModel(name, seed);
    try {
      return await fn(model);
    } finally {
      model.dispose();
    }
  }, 'own');
}
