// The own WebGPU kernels, one KernelConfig per file beside this one, in the style of
// tfjs-backend-webgpu's src/kernels/*.ts. installKernels registers them under tfjs's kernel names,
// or, for kernels tfjs has no counterpart of, under their own names (../ownKernelNames.ts).
// Replacements of a tfjs kernel get `stock`: its tfjs kernel, for the inputs they hand back.

import type * as tf from '@tensorflow/tfjs';
import { batchMatMulConfig } from './BatchMatMul';
import { biasReluWebGpuConfig } from './biasRelu';
import { biasReluGradBiasWebGpuConfig } from './biasReluGradBias';
import { biasReluGradXWebGpuConfig } from './biasReluGradX';
import { conv2dConfig } from './Conv2D';
import { convBiasReluWebGpuConfig } from './convBiasRelu';
import { conv2dBackpropFilterConfig } from './Conv2DBackpropFilter';
import { conv2dBackpropInputConfig } from './Conv2DBackpropInput';
import { fusedAdamWebGpuConfig } from './fusedAdam';
import { denseBiasReluConfig } from './denseBiasRelu';
import { fusedMatMulConfig } from './FusedMatMul';
import { reluConvFilterGradConfig } from './ReluConv2DBackpropFilter';
import { reluConvInputGradConfig } from './ReluConv2DBackpropInput';
import { reluMaskedMatMulConfig } from './ReluMaskedMatMul';
import { seededDropoutWebGpuConfig } from './seededDropout';
import type { StockKernelLookup } from './stockFallback';

export function webgpuKernelConfigs(stock: StockKernelLookup): tf.KernelConfig[] {
  return [
    conv2dConfig(stock),
    conv2dBackpropInputConfig(stock),
    conv2dBackpropFilterConfig(stock),
    batchMatMulConfig(stock),
    fusedMatMulConfig(stock),
    seededDropoutWebGpuConfig,
    biasReluWebGpuConfig,
    convBiasReluWebGpuConfig,
    denseBiasReluConfig(),
    biasReluGradXWebGpuConfig,
    biasReluGradBiasWebGpuConfig,
    reluConvInputGradConfig,
    reluConvFilterGradConfig,
    reluMaskedMatMulConfig,
    fusedAdamWebGpuConfig,
  ];
}
