// The own WebGPU kernels, one KernelConfig per file beside this one, in the style of
// tfjs-backend-webgpu's src/kernels/*.ts. installKernels registers them under tfjs's kernel names.

import type * as tf from '@tensorflow/tfjs';

export function webgpuKernelConfigs(): tf.KernelConfig[] {
  return [];
}
