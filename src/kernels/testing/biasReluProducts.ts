// What the bias + ReLU tests compare across backends and kernel modes: the forward output and both
// gradients of sum(biasRelu(x, bias) * upstream) for seeded random inputs of one shape.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode } from '../../protocol';
import { biasRelu } from '../biasRelu';

export interface BiasReluProducts {
  y: Float32Array;
  dx: Float32Array;
  dBias: Float32Array;
  /** Per channel, the sum of |upstream| where y > 0: the scale of dBias's rounding error. */
  dBiasScale: Float64Array;
}

export async function biasReluProducts(
  shape: number[],
  kernels: KernelMode,
): Promise<BiasReluProducts> {
  const channels = shape.at(-1) ?? 1;
  const [y, dx, dBias, upstream] = tf.tidy(() => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', 1);
    const bias = tf.randomNormal<tf.Rank.R1>([channels], 0, 1, 'float32', 2);
    const up = tf.randomNormal(shape, 0, 1, 'float32', 3);
    const loss = (xx: tf.Tensor, bb: tf.Tensor) =>
      tf.sum(tf.mul(biasRelu(xx, bb as tf.Tensor1D, kernels), up));
    const [gx, gb] = tf.grads(loss)([x, bias]);
    if (!gx || !gb) throw new Error('tf.grads returned no gradient.');
    return [biasRelu(x, bias, kernels), gx, gb, up];
  });
  const values = async (t: tf.Tensor) => Float32Array.from(await t.data());
  const [yValues, dxValues, dBiasValues, upstreamValues] = await Promise.all(
    [y, dx, dBias, upstream].map(values),
  );
  tf.dispose([y, dx, dBias, upstream]);
  if (!yValues || !dxValues || !dBiasValues || !upstreamValues) throw new Error('Missing values.');
  const dBiasScale = new Float64Array(channels);
  yValues.forEach((v, i) => {
    if (v > 0) dBiasScale[i % channels]! += Math.abs(upstreamValues[i]!);
  });
  return { y: yValues, dx: dxValues, dBias: dBiasValues, dBiasScale };
}

/** The largest |a - b| / scale over the channels (scale floored so all-dropped columns count). */
export function worstRelativeBiasError(a: BiasReluProducts, b: BiasReluProducts): number {
  let worst = 0;
  b.dBias.forEach((ref, c) => {
    const scale = Math.max(b.dBiasScale[c]!, 1e-6);
    worst = Math.max(worst, Math.abs(a.dBias[c]! - ref) / scale);
  });
  return worst;
}
