// Dropout whose mask is Philox(seed, element index) (philox.ts), drawn by an own kernel on the GPU
// (webgpu/seededDropout.ts) or the CPU (cpu/seededDropout.ts) with the same bits on both. tfjs's
// tf.dropout draws its mask in JavaScript and uploads it every step; this one makes nothing on the
// CPU. Where the kernel is not registered ('stock' mode, WebGL), tf.dropout with the same seed runs.

import * as tf from '@tensorflow/tfjs';
import { dropThreshold } from './philox';
import { hasKernel, SEEDED_DROPOUT } from './ownKernelNames';

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
 * Zeroes each element of `x` with probability `rate` and scales the others by 1 / (1 - rate). The
 * mask is a function of `seed` (a 32-bit integer) and the element's index: the same seed gives the
 * same mask, so callers fold step and layer into the seed.
 */
export function seededDropout<T extends tf.Tensor>(x: T, rate: number, seed: number): T {
  if (!(rate >= 0 && rate < 1)) {
    throw new Error(`Dropout rate must be in [0, 1), got ${rate}.`);
  }
  if (!Number.isInteger(seed)) throw new Error(`Dropout seed must be an integer, got ${seed}.`);
  if (x.dtype !== 'float32') throw new Error(`Dropout needs a float32 tensor, got ${x.dtype}.`);
  if (rate === 0) return x.clone(); // as tf.dropout does
  if (!hasKernel(SEEDED_DROPOUT)) return tf.dropout(x, rate, undefined, seed) as T;
  return tf.engine().runKernel<T>(SEEDED_DROPOUT, { x }, { rate, seed: seed >>> 0 });
}
