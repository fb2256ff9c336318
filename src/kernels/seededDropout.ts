// Dropout whose mask is Philox(seed, element index) (philox.ts), drawn by an own kernel on the GPU
// (webgpu/seededDropout.ts) or the CPU (cpu/seededDropout.ts) with the same bits on both. tfjs's
// tf.dropout draws its mask in JavaScript and uploads it every step; this one makes nothing on the
// CPU. In 'stock' mode (and on WebGL, which has no own kernels) the same Philox mask is drawn in
// JavaScript and uploaded every step, as tf.dropout draws and uploads its own: the cost of tfjs's way,
// but the same mask, so one seed gives one run in either mode.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode } from '../protocol/backend';
import { dropoutWord, dropThreshold } from './philox';
import { SEEDED_DROPOUT } from './ownKernelNames';

// The gradient needs no second draw and nothing saved: the mask depends only on the seed and the
// element index, so running the kernel on dy with the same attributes applies the forward mask and
// scale again, dx = dy * mask / (1 - rate).
tf.registerGradient({
  kernelName: SEEDED_DROPOUT,
  gradFunc: (dy, _saved, attrs) => {
    if (Array.isArray(dy)) throw new Error(`${SEEDED_DROPOUT} has one output, got ${dy.length}.`);
    return { x: () => tf.engine().runKernel<tf.Tensor>(SEEDED_DROPOUT, { x: dy }, attrs) };
  },
});

/** What survivors are multiplied by: 1 / (1 - rate) in float32, as tf.dropout computes it. */
export function dropoutScale(rate: number): number {
  return Math.fround(1 / Math.fround(1 - rate));
}

/** The kernel's drop threshold and scale for `rate`, shared by the CPU and WebGPU kernels. */
export function dropoutParams(rate: number): { threshold: number; scale: number } {
  return { threshold: dropThreshold(rate), scale: dropoutScale(rate) };
}

/**
 * The mask times the scale, element by element, as the kernels compute it: `scale` where element i's
 * Philox word is at least the threshold, 0 elsewhere. Drawn on the CPU, for 'stock' mode.
 */
export function dropoutMaskValues(size: number, rate: number, seed: number): Float32Array {
  const { threshold, scale } = dropoutParams(rate);
  const key = seed >>> 0;
  const mask = new Float32Array(size);
  for (let i = 0; i < size; i++) if (dropoutWord(i, key) >= threshold) mask[i] = scale;
  return mask;
}

/**
 * Zeroes each element of `x` with probability `rate` and scales the others by 1 / (1 - rate). The
 * mask is a function of `seed` (a 32-bit integer) and the element's index, the same in both kernel
 * modes: the same seed gives the same mask, so callers fold step and layer into the seed. `kernels`
 * 'own' runs the own kernel (WebGPU and the CPU backend have it); 'stock' multiplies by a mask drawn
 * in JavaScript, with tfjs's ops (their gradient is dy times the same mask).
 */
export function seededDropout<T extends tf.Tensor>(
  x: T,
  rate: number,
  seed: number,
  kernels: KernelMode,
): T {
  if (!(rate >= 0 && rate < 1)) {
    throw new Error(`Dropout rate must be in [0, 1), got ${rate}.`);
  }
  if (!Number.isInteger(seed)) throw new Error(`Dropout seed must be an integer, got ${seed}.`);
  if (x.dtype !== 'float32') throw new Error(`Dropout needs a float32 tensor, got ${x.dtype}.`);
  if (rate === 0) return x.clone(); // as tf.dropout does
  if (kernels === 'stock') {
    return tf.tidy(() => tf.mul(x, tf.tensor(dropoutMaskValues(x.size, rate, seed), x.shape)));
  }
  return tf.engine().runKernel<T>(SEEDED_DROPOUT, { x }, { rate, seed: seed >>> 0 });
}
