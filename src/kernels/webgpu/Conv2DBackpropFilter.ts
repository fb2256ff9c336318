// Conv2DBackpropFilter for the webgpu backend: the split-K implicit matrix product of
// filterGradientProgram.ts, plus SumSplitsProgram over its partial sums.
//
// tfjs 4.22's own kernel runs one invocation per weight, each looping over batch x output pixels
// (conv1 at batch 128: 11,616 invocations x 373,248 multiply-adds in a row). This one launches
// >= 100k invocations of <= 8,192 multiply-adds for every AlexNet layer at batch 128
// (filterGradientGeometry.ts). NCHW, dilation and non-float32 inputs go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { FILTER_GRADIENT_TILINGS, filterGradientPlan } from './filterGradientGeometry';
import { FilterGradientProgram } from './filterGradientProgram';
import { SumSplitsProgram } from './sumSplitsProgram';
import { runsOnSoftwareAdapter } from './adapterKind';
import {
  SOFTWARE_SPLIT_K_LIMITS,
  SPLIT_K_LIMITS,
  type SplitKLimits,
  type SplitKTiling,
} from './splitKGeometry';
import { runStock, type StockKernelLookup } from './stockFallback';

type Attrs = tf.Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };

const hasDilation = (d: Attrs['dilations']) =>
  d !== undefined && (Array.isArray(d) ? d.some((v) => v !== 1) : d !== 1);

export interface SplitKOptions {
  /** The tilings the plan is chosen from (tests force each one). */
  tilings?: readonly SplitKTiling[];
  /** Split limits; by default SPLIT_K_LIMITS, or SOFTWARE_SPLIT_K_LIMITS on a software adapter. */
  limits?: SplitKLimits;
}

export function conv2dBackpropFilterConfig(
  stock: StockKernelLookup,
  options: SplitKOptions = {},
): tf.KernelConfig {
  const tilings = options.tilings ?? FILTER_GRADIENT_TILINGS;
  const kernelFunc: tf.KernelFunc = (args) => {
    const { x, dy } = args.inputs;
    const attrs = args.attrs as unknown as Attrs;
    if (
      !x ||
      !dy ||
      x.dtype !== 'float32' ||
      dy.dtype !== 'float32' ||
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
    const backend = args.backend as WebGPUBackend;
    const limits =
      options.limits ?? (runsOnSoftwareAdapter(backend) ? SOFTWARE_SPLIT_K_LIMITS : SPLIT_K_LIMITS);
    const plan = filterGradientPlan(info, tilings, limits);
    if (!plan) return runStock(stock, tf.Conv2DBackpropFilter, args);

    const m = info.filterHeight * info.filterWidth * info.inChannels;
    const n = info.outChannels;
    const uniforms = [
      { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
      { type: 'int32', data: [info.strideHeight, info.strideWidth] },
      { type: 'int32', data: [info.filterWidth] },
      { type: 'int32', data: [plan.chunk] },
      { type: 'int32', data: [info.batchSize * info.outHeight * info.outWidth] },
      { type: 'int32', data: [m] },
      { type: 'int32', data: [n] },
    ];
    const filterShape = [info.filterHeight, info.filterWidth, info.inChannels, n];
    const single = plan.splits === 1;
    const main = new FilterGradientProgram(plan, single ? filterShape : [plan.splits, m * n]);
    const partials = backend.runWebGPUProgram(main, [x, dy], 'float32', uniforms);
    if (single) return partials;
    const sum = backend.runWebGPUProgram(new SumSplitsProgram(filterShape), [partials], 'float32');
    backend.disposeData(partials.dataId);
    return sum;
  };
  return { kernelName: tf.Conv2DBackpropFilter, backendName: 'webgpu', kernelFunc };
}
