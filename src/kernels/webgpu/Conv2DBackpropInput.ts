// Conv2DBackpropInput for the webgpu backend on the matrix-product core: dx = dyPatches x W^T
// (core/convProducts.ts), dy read as patches of the input's pixels (zero where a stride skips a
// tap) and the filter read transposed, neither materialised. tfjs 4.22's default program
// (Conv2DDerInputProgram) stages nothing through workgroup memory. NCHW, dilation and non-float32
// buffers go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { convKernelCall } from './convKernelCall';
import { convShapeOf, ownConvTakes } from './convKernelArgs';
import { runMatMulCore, type CoreOptions } from './core/runMatMulCore';
import { runStock, type StockKernelLookup } from './stockFallback';

export function conv2dBackpropInputConfig(
  stock: StockKernelLookup,
  options: CoreOptions = {},
): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { dy, filter } = args.inputs;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const backend = args.backend as WebGPUBackend;
    if (!ownConvTakes(backend, attrs, dy, filter) || attrs.inputShape.length !== 4) {
      return runStock(stock, tf.Conv2DBackpropInput, args);
    }
    const shape = convShapeOf(attrs.inputShape, filter!.shape, attrs);
    const call = convKernelCall('inputGradient', shape, dy!, filter!, [...attrs.inputShape]);
    return runMatMulCore(backend, call, options) ?? runStock(stock, tf.Conv2DBackpropInput, args);
  };
  return { kernelName: tf.Conv2DBackpropInput, backendName: 'webgpu', kernelFunc };
}
