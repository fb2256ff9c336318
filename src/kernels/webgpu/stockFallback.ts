// Own kernels hand what they do not cover (NCHW, dilation, other dtypes) to tfjs's kernel, which
// installKernels keeps aside when it registers the own one; fused kernels hand it to the kernels
// they fuse, as registered now (own or stock).

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

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

/** The kernel registered on webgpu as `kernelName`, run; `caller` is named if there is none. */
export function runRegistered(
  caller: string,
  kernelName: string,
  backend: WebGPUBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = tf.getKernel(kernelName, 'webgpu');
  if (!config) throw new Error(`${caller} needs ${kernelName} on webgpu.`);
  return config.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}
