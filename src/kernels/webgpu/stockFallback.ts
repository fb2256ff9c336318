// Own kernels hand what they do not cover (NCHW, dilation, other dtypes) to tfjs's kernel, which
// installKernels keeps aside when it registers the own one.

import type * as tf from '@tensorflow/tfjs';

/** tfjs's original kernel for a kernel name on this backend (installKernels' stockKernel). */
export type StockKernelLookup = (kernelName: string) => tf.KernelConfig | undefined;

export function runStock(
  stock: StockKernelLookup,
  kernelName: string,
  args: Parameters<tf.KernelFunc>[0],
): ReturnType<tf.KernelFunc> {
  const config = stock(kernelName);
  if (!config) throw new Error(`No stock ${kernelName} kernel to fall back to on webgpu.`);
  return config.kernelFunc(args);
}
