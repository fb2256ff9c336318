// Conv2DBackpropFilter for the webgpu backend on the matrix-product core: dW = patches(x)^T x dy
// (core/convProducts.ts), split over the reduction (batch x output pixels) only where the filter's
// tiles are too few to fill the adapter (core/coreGeometry.ts). tfjs 4.22's own kernel runs one
// invocation per weight over the whole reduction, with no tiling. NCHW, dilation and non-float32
// buffers go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { convKernelCall } from './convKernelCall';
import { convShapeOf, ownConvTakes } from './convKernelArgs';
import { runMatMulCore, type CoreOptions } from './core/runMatMulCore';
import { runStock, type StockKernelLookup } from './stockFallback';

export function conv2dBackpropFilterConfig(
  stock: StockKernelLookup,
  options: CoreOptions = {},
): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { x, dy } = args.inputs;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const backend = args.backend as WebGPUBackend;
    if (!ownConvTakes(backend, attrs, x, dy)) {
      return runStock(stock, tf.Conv2DBackpropFilter, args);
    }
    const shape = convShapeOf(x!.shape, attrs.filterShape, attrs);
    const filterShape = [
      shape.filterHeight,
      shape.filterWidth,
      shape.inChannels,
      shape.outChannels,
    ];
    const call = convKernelCall('filterGradient', shape, x!, dy!, filterShape);
    return runMatMulCore(backend, call, options) ?? runStock(stock, tf.Conv2DBackpropFilter, args);
  };
  return { kernelName: tf.Conv2DBackpropFilter, backendName: 'webgpu', kernelFunc };
}
