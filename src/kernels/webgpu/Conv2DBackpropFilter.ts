// Conv2DBackpropFilter for the webgpu backend: the split-K implicit matrix product of
// filterGradientProgram.ts, plus SumSplitsProgram over its partial sums (runFilterGradient.ts).
//
// tfjs 4.22's own kernel runs one invocation per weight, each looping over batch x output pixels
// (conv1 at batch 128: 11,616 invocations x 373,248 multiply-adds in a row). This one launches
// >= 100k invocations of <= 8,192 multiply-adds for every AlexNet layer at batch 128
// (filterGradientGeometry.ts). NCHW, dilation and non-float32 inputs go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runFilterGradient, type SplitKOptions } from './runFilterGradient';
import { runStock, type StockKernelLookup } from './stockFallback';
import { storedAsFloat32 } from './storedDtype';

type Attrs = tf.Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };

const hasDilation = (d: Attrs['dilations']) =>
  d !== undefined && (Array.isArray(d) ? d.some((v) => v !== 1) : d !== 1);

export function conv2dBackpropFilterConfig(
  stock: StockKernelLookup,
  options: SplitKOptions = {},
): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { x, dy } = args.inputs;
    const attrs = args.attrs as unknown as Attrs;
    if (
      !x ||
      !dy ||
      !storedAsFloat32(args.backend as WebGPUBackend, x, dy) ||
      x.shape.length !== 4 ||
      attrs.dataFormat === 'NCHW' ||
      hasDilation(attrs.dilations)
    ) {
      return runStock(stock, tf.Conv2DBackpropFilter, args);
    }
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      attrs.filterShape,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    const filterShape = [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels];
    const backend = args.backend as WebGPUBackend;
    return (
      runFilterGradient(backend, x, dy, info, filterShape, options) ??
      runStock(stock, tf.Conv2DBackpropFilter, args)
    );
  };
  return { kernelName: tf.Conv2DBackpropFilter, backendName: 'webgpu', kernelFunc };
}
