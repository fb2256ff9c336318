// The own WebGPU kernels, one KernelConfig per file beside this one, in the style of
// tfjs-backend-webgpu's src/kernels/*.ts. installKernels registers them under tfjs's kernel names,
// or, for kernels tfjs has no counterpart of, under their own names (../ownKernelNames.ts).

import type * as tf from '@tensorflow/tfjs';
import { biasReluWebGpuConfig } from './biasRelu';
import { biasReluGradWebGpuConfigs } from './biasReluGrad';
import { fusedAdamWebGpuConfig } from './fusedAdam';
import { seededDropoutWebGpuConfig } from './seededDropout';

export function webgpuKernelConfigs(): tf.KernelConfig[] {
  return [
    seededDropoutWebGpuConfig,
    biasReluWebGpuConfig,
    ...biasReluGradWebGpuConfigs,
    fusedAdamWebGpuConfig,
  ];
}
