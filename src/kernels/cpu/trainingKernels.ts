// The CPU twins of the own training kernels that tfjs has no counterpart of (seeded dropout, fused
// bias + ReLU, fused Adam): the CPU backend (the app's last fallback, and the Node unit tests) runs
// the same ops, with the same dropout masks, as WebGPU.

import type * as tf from '@tensorflow/tfjs';
import { biasReluCpuConfigs } from './biasRelu';
import { fusedAdamCpuConfig } from './fusedAdam';
import { seededDropoutCpuConfig } from './seededDropout';

export function trainingCpuKernelConfigs(): tf.KernelConfig[] {
  return [seededDropoutCpuConfig, ...biasReluCpuConfigs, fusedAdamCpuConfig];
}
