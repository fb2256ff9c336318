// Every own WebGPU kernel's correctness cases, one entry per kernel family: the *.webgpu.test.ts
// files and scripts/check-kernels.ts run this one list.

import { filterGradientChecks } from './filterGradientChecks';
import { matMulChecks } from './matMulChecks';
import type { KernelCheck } from './kernelCheck';

export type { KernelCheck, KernelCheckResult } from './kernelCheck';
export { runKernelCheck } from './kernelCheck';

export interface KernelCheckOptions {
  /** Batch of the model-layer cases. */
  batch: number;
  /** Batch of alexnet's layer cases (224x224 inputs: slow on a software adapter). */
  alexnetBatch?: number;
}

export const KERNEL_CHECK_FAMILIES: Record<string, (options: KernelCheckOptions) => KernelCheck[]> =
  {
    Conv2DBackpropFilter: ({ batch, alexnetBatch }) => filterGradientChecks(batch, alexnetBatch),
    BatchMatMul: ({ batch }) => matMulChecks(batch),
  };

export function kernelChecks(options: KernelCheckOptions): KernelCheck[] {
  return Object.values(KERNEL_CHECK_FAMILIES).flatMap((family) => family(options));
}
