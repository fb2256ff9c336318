// Every own WebGPU kernel's correctness cases, one entry per kernel family: the *.webgpu.test.ts
// files and scripts/check-kernels.ts run this one list.

import {
  BIAS_RELU,
  CONV_BIAS_RELU,
  DENSE_BIAS_RELU,
  FUSED_ADAM,
  SEEDED_DROPOUT,
} from '../../kernels/ownKernelNames';
import { convBiasReluChecks } from './convBiasReluChecks';
import { convChecks } from './convChecks';
import { denseBiasReluChecks, fusedMatMulChecks } from './denseChecks';
import { matMulChecks } from './matMulChecks';
import type { KernelCheck } from './kernelCheck';
import { biasReluChecks, fusedAdamChecks, seededDropoutChecks } from './trainingKernelChecks';

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
    Conv2D: ({ batch, alexnetBatch }) => convChecks('Conv2D', batch, alexnetBatch),
    Conv2DBackpropInput: ({ batch, alexnetBatch }) =>
      convChecks('Conv2DBackpropInput', batch, alexnetBatch),
    Conv2DBackpropFilter: ({ batch, alexnetBatch }) =>
      convChecks('Conv2DBackpropFilter', batch, alexnetBatch),
    [CONV_BIAS_RELU]: ({ batch }) => convBiasReluChecks(batch),
    BatchMatMul: ({ batch }) => matMulChecks(batch),
    _FusedMatMul: ({ batch }) => fusedMatMulChecks(batch),
    [DENSE_BIAS_RELU]: ({ batch }) => denseBiasReluChecks(batch),
    [SEEDED_DROPOUT]: () => seededDropoutChecks(),
    [BIAS_RELU]: ({ batch, alexnetBatch }) => biasReluChecks(batch, alexnetBatch),
    [FUSED_ADAM]: () => fusedAdamChecks(),
  };

export function kernelChecks(options: KernelCheckOptions): KernelCheck[] {
  return Object.values(KERNEL_CHECK_FAMILIES).flatMap((family) => family(options));
}

/**
 * Every case, the families taking turns (one case of each, then the next of each, ...), so that a
 * run cut short by its time budget has checked every kernel.
 */
export function interleavedKernelChecks(options: KernelCheckOptions): KernelCheck[] {
  const families = Object.values(KERNEL_CHECK_FAMILIES).map((family) => family(options));
  const longest = Math.max(0, ...families.map((f) => f.length));
  return Array.from({ length: longest }, (_, i) => families.flatMap((f) => f[i] ?? [])).flat();
}
