// The own WebGPU kernels, one KernelConfig per file beside this one, in the style of
// tfjs-backend-webgpu's src/kernels/*.ts. installKernels registers them under tfjs's kernel names;
// `stock` gives each the tfjs kernel it replaces, for the inputs it hands back.

import type * as tf from '@tensorflow/tfjs';
import { batchMatMulConfig } from './BatchMatMul';
import { conv2dBackpropFilterConfig } from './Conv2DBackpropFilter';
import type { StockKernelLookup } from './stockFallback';

export function webgpuKernelConfigs(stock: StockKernelLookup): tf.KernelConfig[] {
  return [
    // One line per kernel.
    conv2dBackpropFilterConfig(stock),
    batchMatMulConfig(stock),
  ];
}
