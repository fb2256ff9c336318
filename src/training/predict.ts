// Class probabilities from a model's current weights: what predictions, sample classification and
// loaded model files share with the trainer.

import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, type KernelMode } from '../protocol';
import type { ModelSpec } from '../model/architecture';
import { forward, toModelInput } from '../model/models';

/** Anything that can classify: a Trainer, or a model loaded from files. */
export interface Predictor {
  readonly spec: ModelSpec;
  readonly model: tf.LayersModel;
  /** The kernels its forward pass runs on (the engine's mode). */
  readonly kernels: KernelMode;
  /** Class probabilities for `pixels` (n * 784 values in [0, 1]). */
  predict(pixels: Float32Array, n: number): Promise<Float32Array>;
  dispose(): void;
}

export async function predictProbabilities(
  model: tf.LayersModel,
  spec: ModelSpec,
  pixels: Float32Array,
  n: number,
  kernels: KernelMode,
): Promise<Float32Array> {
  const probabilities = tf.tidy(() => {
    const images = tf.tensor4d(pixels, [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
    return tf.softmax(
      forward(model, spec, toModelInput(images, spec), { training: false, kernels }),
    );
  });
  try {
    const values = await probabilities.data();
    return values instanceof Float32Array ? values : Float32Array.from(values);
  } finally {
    probabilities.dispose();
  }
}
