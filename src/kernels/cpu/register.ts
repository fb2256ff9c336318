// The own CPU-backend kernels, one file each beside this one, listed here once. Faster loops
// (conv.ts, math.ts) for tfjs's conv, max-pool-gradient, sum and matrix-product kernels, and a fixed
// Transform (which the augmentation uses: the stock one handles only the first image of a batch),
// on fastKernel.ts's wrapper: NHWC float32 without dilation only, anything else to the stock kernel,
// kept aside. Then the CPU twins of the own training kernels tfjs has no counterpart of (seeded
// dropout, bias + ReLU and its gradients, fused Adam), so the CPU backend runs the same ops, with the
// same dropout masks, as WebGPU. The CPU backend is the app's last fallback (no WebGPU, no WebGL) and
// what the Node unit tests train on: `npm run train` trains alexnet-mini on it at about 2 images/s
// with the stock kernels and 70 with these (batch 32, its first steps, this project's 2-core
// machine); at batch 128 the 5-epoch runs do 140 to 160 a core.

import type * as tf from '@tensorflow/tfjs';
import { batchMatMulCpu } from './BatchMatMul';
import { biasReluCpuConfig } from './biasRelu';
import { biasReluGradBiasCpuConfig } from './biasReluGradBias';
import { biasReluGradXCpuConfig } from './biasReluGradX';
import { conv2dCpu } from './Conv2D';
import { conv2dBackpropFilterCpu } from './Conv2DBackpropFilter';
import { conv2dBackpropInputCpu } from './Conv2DBackpropInput';
import { fastKernelConfig, type FastKernel } from './fastKernel';
import { fusedAdamCpuConfig } from './fusedAdam';
import { fusedConv2dCpu } from './FusedConv2D';
import { maxPoolGradCpu } from './MaxPoolGrad';
import { seededDropoutCpuConfig } from './seededDropout';
import { sumCpu } from './Sum';
import { transformCpu } from './Transform';

const FAST_KERNELS: readonly FastKernel[] = [
  conv2dCpu,
  fusedConv2dCpu,
  conv2dBackpropFilterCpu,
  conv2dBackpropInputCpu,
  maxPoolGradCpu,
  sumCpu,
  batchMatMulCpu,
  transformCpu,
];

/** The own CPU kernels: the faster loops, each falling back to `stock(kernelName)`, then the
 * training kernels (own names, no stock counterpart). */
export function cpuKernelConfigs(
  stock: (kernelName: string) => tf.KernelConfig | undefined,
): tf.KernelConfig[] {
  return [
    ...FAST_KERNELS.map((kernel) => fastKernelConfig(kernel, stock)),
    seededDropoutCpuConfig,
    biasReluCpuConfig,
    biasReluGradXCpuConfig,
    biasReluGradBiasCpuConfig,
    fusedAdamCpuConfig,
  ];
}

/** Kernels whose stock version is wrong, not just slow: installed in both kernel modes. */
export const CPU_FIXES: ReadonlySet<string> = new Set(['Transform']);
