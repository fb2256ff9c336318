// What the own CPU kernels need of tfjs's CPU backend (MathBackendCPU, not exported by the tfjs
// bundle): reading an input's values and making an output from a typed array.

import type * as tf from '@tensorflow/tfjs';

export interface CpuBackendLike {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

export function isCpuBackendLike(backend: object): backend is CpuBackendLike {
  return (
    'readSync' in backend &&
    typeof backend.readSync === 'function' &&
    'makeTensorInfo' in backend &&
    typeof backend.makeTensorInfo === 'function'
  );
}

/** The CPU backend a kernel was called with, or an error naming the kernel. */
export function cpuBackendOf(backend: object, kernelName: string): CpuBackendLike {
  if (!isCpuBackendLike(backend)) {
    throw new Error(`${kernelName} was called on a backend that is not tfjs's CPU backend.`);
  }
  return backend;
}

/** The float32 values of input `name`, or an error naming the kernel and input. */
export function readFloat32(
  backend: CpuBackendLike,
  inputs: tf.NamedTensorInfoMap,
  name: string,
  kernelName: string,
): { values: Float32Array; shape: number[] } {
  const info = inputs[name];
  const values = info && backend.readSync(info.dataId);
  if (!info || info.dtype !== 'float32' || !(values instanceof Float32Array)) {
    throw new Error(`${kernelName} needs a float32 input "${name}".`);
  }
  return { values, shape: info.shape };
}
