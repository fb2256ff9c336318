// How a check of a matrix-product-core kernel forces a variant the kernel would not pick on this
// adapter (a tiling, a split policy): the own kernel made with those CoreOptions stands in for the
// registered one while the check computes on WebGPU, and the registered one is back afterwards.

import * as tf from '@tensorflow/tfjs';
import { stockKernel } from '../../kernels/installKernels';
import type { CoreOptions } from '../../kernels/webgpu/core/runMatMulCore';
import type { StockKernelLookup } from '../../kernels/webgpu/stockFallback';
import type { KernelMode } from '../../protocol';
import type { KernelCheck } from './kernelCheck';

/** The stock webgpu kernels, which the own kernels' configs fall back to for what they do not do. */
export const stockWebgpuKernel: StockKernelLookup = (name) => stockKernel('webgpu', name);

/** Runs `fn` with `config` in place of the kernel registered on webgpu under its name. */
export function withKernelConfig<T>(config: tf.KernelConfig, fn: () => T): T {
  const registered = tf.getKernel(config.kernelName, 'webgpu');
  tf.unregisterKernel(config.kernelName, 'webgpu');
  tf.registerKernel(config);
  try {
    return fn();
  } finally {
    tf.unregisterKernel(config.kernelName, 'webgpu');
    if (registered) tf.registerKernel(registered);
  }
}

/**
 * A check's compute: `run` on the kernels registered, except on WebGPU when `options` are given:
 * there on the own kernel that `configFor(options)` makes.
 */
export function computeForcing(
  options: CoreOptions | undefined,
  configFor: (options: CoreOptions) => tf.KernelConfig,
  run: (inputs: tf.Tensor[], kernels: KernelMode) => tf.Tensor | tf.Tensor[],
): KernelCheck['compute'] {
  return (inputs, backend, kernels) =>
    options && backend === 'webgpu'
      ? withKernelConfig(configFor(options), () => run(inputs, kernels))
      : run(inputs, kernels);
}

/** Above this many multiply-adds the stock CPU reference would take over ~10 s. */
const STOCK_REFERENCE_MACS = 3_000_000;

/** The CPU reference for a product of `macs` multiply-adds: stock, or the own CPU kernels where
 * stock would be too slow. */
export function referenceFor(macs: number): KernelMode {
  return macs <= STOCK_REFERENCE_MACS ? 'stock' : 'own';
}
