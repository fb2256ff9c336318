// Correctness checks for the own convolution kernels (Conv2D, Conv2DBackpropInput,
// Conv2DBackpropFilter, all on the matrix-product core): every conv layer of both models, the edge
// shapes of cases/conv.cases.ts, each tiling forced, both split policies, and the gradients as
// tf.grad reaches them.

import * as tf from '@tensorflow/tfjs';
import { conv2dConfig } from '../../kernels/webgpu/Conv2D';
import { conv2dBackpropFilterConfig } from '../../kernels/webgpu/Conv2DBackpropFilter';
import { conv2dBackpropInputConfig } from '../../kernels/webgpu/Conv2DBackpropInput';
import {
  CORE_TILINGS,
  GPU_SPLIT_POLICY,
  SOFTWARE_SPLIT_POLICY,
} from '../../kernels/webgpu/core/coreGeometry';
import type { CoreOptions } from '../../kernels/webgpu/core/runMatMulCore';
import { convLayerShapes } from '../../model/layerShapes';
import type { ModelName } from '../../protocol';
import { CONV_EDGE_CASES, THROUGH_GRAD_CASE, TILING_CASE } from './cases/conv.cases';
import type { ConvCase, Shape4 } from './cases/conv.cases';
import { computeForcing, referenceFor, stockWebgpuKernel } from './forcedKernel';
import type { KernelCheck } from './kernelCheck';

/** float32 sums of up to ~400k products, against a differently ordered reference. */
export const CONV_TOLERANCE = 1e-4;

/** The shape of the convolution's output, and so of its gradient dy. */
export function dyShape(c: ConvCase): Shape4 {
  const nchw = c.dataFormat === 'NCHW';
  const xNhwc: Shape4 = nchw ? [c.x[0], c.x[2], c.x[3], c.x[1]] : c.x;
  const info = tf.backend_util.computeConv2DInfo(xNhwc, c.filter, c.stride, 1, c.pad);
  return nchw
    ? [info.batchSize, info.outChannels, info.outHeight, info.outWidth]
    : [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
}

export type ConvKernel = 'Conv2D' | 'Conv2DBackpropInput' | 'Conv2DBackpropFilter';

const CONFIGS = {
  Conv2D: conv2dConfig,
  Conv2DBackpropInput: conv2dBackpropInputConfig,
  Conv2DBackpropFilter: conv2dBackpropFilterConfig,
} as const;

/** The kernel's inputs: [x, filter], [dy, filter] or [x, dy]. */
function inputShapes(kernel: ConvKernel, c: ConvCase): Shape4[] {
  if (kernel === 'Conv2D') return [c.x, c.filter];
  if (kernel === 'Conv2DBackpropInput') return [dyShape(c), c.filter];
  return [c.x, dyShape(c)];
}

function runConv(kernel: ConvKernel, c: ConvCase, [first, second]: tf.Tensor[]): tf.Tensor {
  const common = {
    strides: c.stride,
    pad: c.pad,
    dataFormat: c.dataFormat ?? 'NHWC',
    dilations: 1,
  };
  const engine = tf.engine();
  if (kernel === 'Conv2D') {
    return engine.runKernel(kernel, { x: first!, filter: second! }, common);
  }
  if (kernel === 'Conv2DBackpropInput') {
    return engine.runKernel(
      kernel,
      { dy: first!, filter: second! },
      { ...common, inputShape: c.x },
    );
  }
  return engine.runKernel(kernel, { x: first!, dy: second! }, { ...common, filterShape: c.filter });
}

function check(kernel: ConvKernel, c: ConvCase, options?: CoreOptions): KernelCheck {
  const dy = dyShape(c);
  const macs =
    c.filter.reduce((a, b) => a * b, 1) * ((dy[0] * dy[1] * dy[2] * dy[3]) / c.filter[3]);
  return {
    kernel,
    label: `${kernel}: ${c.label}`,
    inputShapes: inputShapes(kernel, c),
    compute: computeForcing(
      options,
      (o) => CONFIGS[kernel](stockWebgpuKernel, o),
      (inputs) => runConv(kernel, c, inputs),
    ),
    tolerance: CONV_TOLERANCE,
    reference: referenceFor(macs),
  };
}

/** `model`'s conv layers at `batch`. */
export function layerCases(model: ModelName, batch: number): ConvCase[] {
  return convLayerShapes(model).map((layer) => ({
    label: `${model} ${layer.layer}, batch ${batch}`,
    x: [batch, ...layer.input],
    filter: layer.filter,
    stride: layer.stride,
    pad: layer.pad,
  }));
}

const KERNELS: readonly ConvKernel[] = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'];

/**
 * One odd shape through two of the tilings forced, whichever the kernel would pick for it: the
 * three kernels cover every tiling between them (each compile costs seconds on a software adapter).
 */
function tilingChecks(kernel: ConvKernel): KernelCheck[] {
  const first = KERNELS.indexOf(kernel);
  const count = CORE_TILINGS.length;
  const tilings = [CORE_TILINGS[first % count]!, CORE_TILINGS[(first + 2) % count]!];
  return tilings.map((tiling) =>
    check(
      kernel,
      { ...TILING_CASE, label: `tiling ${tiling.tileM}x${tiling.tileN} forced, 3x4 kernel` },
      { tilings: [tiling] },
    ),
  );
}

/**
 * Both split policies on every adapter: a GPU splits until ~3,000 workgroups run, a software
 * adapter until a few do (the kernel picks by adapter, so force each). Only the filter gradient's
 * small results split at these sizes.
 */
function splitPolicyChecks(batch: number): KernelCheck[] {
  const long = CONV_EDGE_CASES.find((c) => c.label.startsWith('long reduction'))!;
  const policies = [
    { name: 'GPU split policy', policy: GPU_SPLIT_POLICY },
    { name: 'software split policy', policy: SOFTWARE_SPLIT_POLICY },
  ];
  return policies.flatMap(({ name, policy }) => [
    check('Conv2DBackpropFilter', { ...long, label: `${long.label}, ${name}` }, { policy }),
    ...layerCases('alexnet-mini', batch).map((c) =>
      check('Conv2DBackpropFilter', { ...c, label: `${c.label}, ${name}` }, { policy }),
    ),
  ]);
}

/** The gradients as tf.grad asks for them, through conv2d's registered gradient. */
function throughGradCheck(kernel: ConvKernel): KernelCheck {
  const c = THROUGH_GRAD_CASE;
  return {
    ...check(kernel, c),
    inputShapes: [c.x, c.filter, dyShape(c)],
    compute: ([x, w, dy]) =>
      tf.grads((input: tf.Tensor, filter: tf.Tensor) =>
        tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, c.stride, c.pad),
      )([x!, w!], dy),
  };
}

/**
 * The layers whose `kernel` a training step runs: not the first layer's input gradient (the images
 * need none; on alexnet's conv1, stride 4, it is also the slowest case on a software adapter). The
 * edge cases cover strided input gradients.
 */
function inTraining(kernel: ConvKernel, layers: ConvCase[]): ConvCase[] {
  return kernel === 'Conv2DBackpropInput' ? layers.slice(1) : layers;
}

/**
 * Every case of one conv kernel: the models' layers at `batch` (alexnet's at `alexnetBatch`; null
 * leaves them out: the unit suite does, as alexnet's layers take the code paths mini's and the edge
 * cases take, at seconds a case on a software adapter, and npm run check:kernels runs them).
 */
export function convChecks(
  kernel: ConvKernel,
  batch: number,
  alexnetBatch: number | null = batch,
): KernelCheck[] {
  return [
    ...CONV_EDGE_CASES.map((c) => check(kernel, c)),
    ...tilingChecks(kernel),
    ...(kernel === 'Conv2DBackpropFilter' ? splitPolicyChecks(batch) : []),
    ...(kernel === 'Conv2D' ? [] : [throughGradCheck(kernel)]),
    // The filter gradient's mini layers run under both split policies above.
    ...(kernel === 'Conv2DBackpropFilter'
      ? []
      : inTraining(kernel, layerCases('alexnet-mini', batch))
    ).map((c) => check(kernel, c)),
    ...(alexnetBatch === null ? [] : inTraining(kernel, layerCases('alexnet', alexnetBatch))).map(
      (c) => check(kernel, c),
    ),
  ];
}
