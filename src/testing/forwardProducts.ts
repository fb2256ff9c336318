// What the fused-layer tests compare between kernel modes: a model's logits and the gradients of
// its loss for every trainable variable, in evaluation mode (dropout off).

import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../model/architecture';
import { forward, trainableVariables } from '../model/models';
import type { KernelMode } from '../protocol';
import { applyWithBiasRelu } from '../model/reluLayers';

export interface ForwardProducts {
  logits: Float32Array;
  /** Per trainable variable, in the model's order. */
  gradients: Float32Array[];
}

/** `batch` seeded random images of `inputSize` squared and one-hot labels. */
export function randomBatch(
  inputSize: number,
  batch: number,
): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  return tf.tidy(() => ({
    images: tf.randomUniform<tf.Rank.R4>([batch, inputSize, inputSize, 1], 0, 1, 'float32', 5),
    labels: tf.oneHot(
      tf.tensor1d(
        Array.from({ length: batch }, (_, i) => (3 + 7 * i) % 10),
        'int32',
      ),
      10,
    ) as tf.Tensor2D,
  }));
}

/** Logits of `images` and, with `withGradients`, d(cross-entropy)/d(variable) for `labels`. */
export async function forwardProducts(
  model: tf.LayersModel,
  spec: ModelSpec,
  kernels: KernelMode,
  images: tf.Tensor4D,
  labels: tf.Tensor2D,
  withGradients = true,
): Promise<ForwardProducts> {
  const mode = { training: false, kernels } as const;
  const logits = tf.tidy(() => forward(model, spec, images, mode));
  const { grads } = withGradients
    ? tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(labels, forward(model, spec, images, mode)),
        trainableVariables(model),
      )
    : { grads: {} as tf.NamedTensorMap };
  const values = async (t: tf.Tensor) => Float32Array.from(await t.data());
  const gradients = await Promise.all(
    trainableVariables(model).map((v) => {
      const g = grads[v.name];
      if (withGradients && !g) throw new Error(`No gradient for ${v.name}.`);
      return g ? values(g) : Promise.resolve(new Float32Array(0));
    }),
  );
  const result = { logits: await values(logits), gradients };
  tf.dispose([logits, ...Object.values(grads)]);
  return result;
}

/** max |a - b| / max |b| over a pair of arrays (0 when equal). */
export function relativeDifference(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  if (a.length !== b.length) return Infinity;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff === 0 ? 0 : diff / scale;
}

/**
 * Every ReLU conv and dense layer of `model` (or those named in `only`) applied to seeded random
 * input, through the fused op and through tfjs-layers' layer.apply. The images are 4 pixels larger
 * than the kernel, not the model's size: the path is the same and the arithmetic far less.
 */
export async function reluLayerOutputs(
  model: tf.LayersModel,
  only?: readonly string[],
): Promise<Array<{ layer: string; own: Float32Array; reference: Float32Array }>> {
  const results = [];
  for (const layer of model.layers) {
    if (only && !only.includes(layer.name)) continue;
    const kernel = layer.trainableWeights.find((w) => w.originalName.endsWith('/kernel'));
    if (!kernel || layer.getConfig().activation !== 'relu') continue;
    const [k, , inChannels] = kernel.shape.map((d) => d ?? 1) as [number, number, number];
    const shape = kernel.shape.length === 4 ? [2, k + 4, k + 4, inChannels] : [2, k];
    const [own, reference] = tf.tidy(() => {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 8);
      const fused = applyWithBiasRelu(layer, x, 'own');
      if (!fused) throw new Error(`${layer.name} did not take the fused path.`);
      return [fused, layer.apply(x) as tf.Tensor];
    });
    results.push({
      layer: layer.name,
      own: Float32Array.from(await own.data()),
      reference: Float32Array.from(await reference.data()),
    });
    tf.dispose([own, reference]);
  }
  if (results.length === 0) throw new Error(`${model.name} has no ReLU layer.`);
  return results;
}
