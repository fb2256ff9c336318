// Runs the split-K filter-gradient programs for one product: FilterGradientProgram, then, when the
// reduction was split, SumSplitsProgram over the partial sums. Shared by Conv2DBackpropFilter and by
// BatchMatMul's weight-gradient form (a dense layer's x^T dy is a 1x1 convolution's filter gradient).

import type * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runsOnSoftwareAdapter } from './adapterKind';
import { FILTER_GRADIENT_TILINGS, filterGradientPlan } from './filterGradientGeometry';
import { FilterGradientProgram } from './filterGradientProgram';
import {
  SOFTWARE_SPLIT_K_LIMITS,
  SPLIT_K_LIMITS,
  type SplitKLimits,
  type SplitKTiling,
} from './splitKGeometry';
import { SumSplitsProgram } from './sumSplitsProgram';

export interface SplitKOptions {
  /** The tilings the plan is chosen from (tests force each one). */
  tilings?: readonly SplitKTiling[];
  /** Split limits; by default SPLIT_K_LIMITS, or SOFTWARE_SPLIT_K_LIMITS on a software adapter. */
  limits?: SplitKLimits;
}

/** A filter gradient's geometry, NHWC, as tfjs's Conv2DInfo gives it. */
export interface FilterGradientInfo {
  batchSize: number;
  outHeight: number;
  outWidth: number;
  inChannels: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padInfo: { top: number; left: number };
}

/**
 * dW for `x` [batch, inHeight, inWidth, inChannels] and `dy` [batch, outHeight, outWidth,
 * outChannels], shaped `outputShape` (as many entries as the filter); undefined when no plan fits
 * (the caller runs the stock kernel).
 */
export function runFilterGradient(
  backend: WebGPUBackend,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: FilterGradientInfo,
  outputShape: number[],
  options: SplitKOptions = {},
): tf.TensorInfo | undefined {
  const limits =
    options.limits ?? (runsOnSoftwareAdapter(backend) ? SOFTWARE_SPLIT_K_LIMITS : SPLIT_K_LIMITS);
  const plan = filterGradientPlan(info, options.tilings ?? FILTER_GRADIENT_TILINGS, limits);
  if (!plan) return undefined;
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
  const single = plan.splits === 1;
  const main = new FilterGradientProgram(plan, single ? outputShape : [plan.splits, m * n]);
  const partials = backend.runWebGPUProgram(main, [x, dy], 'float32', uniforms);
  if (single) return partials;
  const sum = backend.runWebGPUProgram(new SumSplitsProgram(outputShape), [partials], 'float32');
  backend.disposeData(partials.dataId);
  return sum;
}
