// Conv2D for the webgpu backend on the matrix-product core: y = patches(x) x W
// (core/convProducts.ts), the patches read straight from x, never materialised. conv1's single
// input channel is read four taps at a time into the vec4 tiles. NCHW, dilation and non-float32
// buffers go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { convKernelCall } from './convKernelCall';
import { convShapeOf, ownConvTakes } from './convKernelArgs';
import { runMatMulCore, type CoreOptions } from './core/runMatMulCore';
import { runStock, type StockKernelLookup } from './stockFallback';

export function conv2dConfig(stock: StockKernelLookup, options: CoreOptions = {}): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { x, filter } = args.inputs;
    const attrs = args.attrs as unknown as tf.Conv2DAttrs;
    const backend = args.backend as WebGPUBackend;
    if (!ownConvTakes(backend, attrs, x, filter)) return runStock(stock, tf.Conv2D, args);
    const shape = convShapeOf(x!.shape, filter!.shape, attrs);
    const outShape = [shape.batchSize, shape.outHeight, shape.outWidth, shape.outChannels];
    const call = convKernelCall('forward', shape, x!, filter!, outShape);
    return runMatMulCore(backend, call, options) ?? runStock(stock, tf.Conv2D, args);
  };
  return { kernelName: tf.Conv2D, backendName: 'webgpu', kernelFunc };
}
