// Correctness cases for the own convolution kernels (Conv2D, Conv2DBackpropInput,
// Conv2DBackpropFilter, all on the matrix-product core): every conv layer of both models, and edge
// shapes (batch 1, odd sizes, stride > kernel, 1x1 kernels, explicit padding, 'same' at stride 2,
// ragged tiles, each tiling forced, both split policies, the NCHW fallback, and the gradients as
// tf.grad reaches them).

import * as tf from '@tensorflow/tfjs';
import { convBiasRelu } from '../../kernels/convBiasRelu';
import { stockKernel } from '../../kernels/installKernels';
import { CONV_BIAS_RELU } from '../../kernels/ownKernelNames';
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
import type { KernelCheck } from './kernelCheck';

type Pad = tf.Conv2DBackpropFilterAttrs['pad'];
type Stride = number | [number, number];
type Shape4 = [number, number, number, number];

interface ConvCase {
  label: string;
  x: Shape4;
  filter: Shape4;
  stride: Stride;
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
}

/** float32 sums of up to ~400k products, against a differently ordered reference. */
const TOLERANCE = 1e-4;
/** Above this many multiply-adds the stock CPU reference would take over ~10 s. */
const STOCK_REFERENCE_MACS = 3_000_000;

function dyShape(c: ConvCase): Shape4 {
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

/** Runs `fn` with the own kernel made with `options` in place of the registered one. */
function withOptions<T>(kernel: ConvKernel, options: CoreOptions, fn: () => T): T {
  const registered = tf.getKernel(kernel, 'webgpu');
  tf.unregisterKernel(kernel, 'webgpu');
  tf.registerKernel(CONFIGS[kernel]((n) => stockKernel('webgpu', n), options));
  try {
    return fn();
  } finally {
    tf.unregisterKernel(kernel, 'webgpu');
    if (registered) tf.registerKernel(registered);
  }
}

function check(kernel: ConvKernel, c: ConvCase, options?: CoreOptions): KernelCheck {
  const dy = dyShape(c);
  const macs =
    c.filter.reduce((a, b) => a * b, 1) * ((dy[0] * dy[1] * dy[2] * dy[3]) / c.filter[3]);
  return {
    kernel,
    label: `${kernel}: ${c.label}`,
    inputShapes: inputShapes(kernel, c),
    compute: (inputs, backend) =>
      options && backend === 'webgpu'
        ? withOptions(kernel, options, () => runConv(kernel, c, inputs))
        : runConv(kernel, c, inputs),
    tolerance: TOLERANCE,
    reference: macs <= STOCK_REFERENCE_MACS ? 'stock' : 'own',
  };
}

function layerCases(model: ModelName, batch: number): ConvCase[] {
  return convLayerShapes(model).map((layer) => ({
    label: `${model} ${layer.layer}, batch ${batch}`,
    x: [batch, ...layer.input],
    filter: layer.filter,
    stride: layer.stride,
    pad: layer.pad,
  }));
}

const EDGE_CASES: ConvCase[] = [
  {
    label: 'batch 1, odd sizes, 3x3 same',
    x: [1, 7, 9, 3],
    filter: [3, 3, 3, 5],
    stride: 1,
    pad: 'same',
  },
  {
    label: 'stride 3 > kernel 2',
    x: [2, 11, 13, 2],
    filter: [2, 2, 2, 3],
    stride: 3,
    pad: 'valid',
  },
  { label: '1x1 kernel', x: [3, 5, 5, 7], filter: [1, 1, 7, 9], stride: 1, pad: 'valid' },
  {
    label: '1x1 kernel, stride 2, same',
    x: [2, 8, 7, 4],
    filter: [1, 1, 4, 6],
    stride: 2,
    pad: 'same',
  },
  { label: "'same' at stride 2", x: [2, 15, 15, 3], filter: [5, 5, 3, 8], stride: 2, pad: 'same' },
  {
    label: 'numeric padding 2, stride 2',
    x: [1, 10, 10, 2],
    filter: [5, 5, 2, 4],
    stride: 2,
    pad: 2,
  },
  {
    label: 'explicit padding, strides [2, 1], 4x3 kernel',
    x: [2, 9, 8, 3],
    filter: [4, 3, 3, 5],
    stride: [2, 1],
    pad: [
      [0, 0],
      [1, 2],
      [0, 3],
      [0, 0],
    ],
  },
  {
    label: '11x11 stride 4, odd input',
    x: [1, 31, 29, 2],
    filter: [11, 11, 2, 5],
    stride: 4,
    pad: 'valid',
  },
  {
    label: 'long reduction, many splits',
    x: [5, 20, 20, 3],
    filter: [3, 3, 3, 4],
    stride: 1,
    pad: 'valid',
  },
  { label: 'ragged tiles, 7x7', x: [1, 9, 9, 37], filter: [7, 7, 37, 35], stride: 1, pad: 'same' },
  {
    label: 'NCHW (stock fallback)',
    x: [2, 3, 8, 8],
    filter: [3, 3, 3, 4],
    stride: 1,
    pad: 'same',
    dataFormat: 'NCHW',
  },
];

const KERNELS: readonly ConvKernel[] = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'];

/**
 * One odd shape through two of the tilings forced, whichever the kernel would pick for it: the
 * three kernels cover every tiling between them (each compile costs seconds on a software adapter).
 */
function tilingChecks(kernel: ConvKernel): KernelCheck[] {
  const first = KERNELS.indexOf(kernel);
  const c: ConvCase = {
    label: '',
    x: [3, 14, 13, 5],
    filter: [3, 4, 5, 33],
    stride: [1, 2],
    pad: 'same',
  };
  const count = CORE_TILINGS.length;
  const tilings = [CORE_TILINGS[first % count]!, CORE_TILINGS[(first + 2) % count]!];
  return tilings.map((tiling) =>
    check(
      kernel,
      { ...c, label: `tiling ${tiling.tileM}x${tiling.tileN} forced, 3x4 kernel` },
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
  const long = EDGE_CASES.find((c) => c.label.startsWith('long reduction'))!;
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
  const c: ConvCase = {
    label: 'via tf.grad of conv2d',
    x: [2, 9, 9, 3],
    filter: [3, 3, 3, 4],
    stride: 2,
    pad: 'same',
  };
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
    ...EDGE_CASES.map((c) => check(kernel, c)),
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

export { KERNELS as CONV_KERNELS };

/**
 * The fused conv + bias + ReLU (one dispatch on WebGPU) and its three gradients, through tf.grads,
 * on alexnet-mini's conv layers at `batch` and an odd shape; the CPU runs conv2d, then biasRelu.
 */
export function convBiasReluChecks(batch: number): KernelCheck[] {
  const odd: ConvCase = {
    label: "odd sizes, 'same' at stride 2",
    x: [2, 11, 9, 5],
    filter: [3, 3, 5, 7],
    stride: 2,
    pad: 'same',
  };
  return [odd, ...layerCases('alexnet-mini', batch)].map((c) => {
    const dy = dyShape(c);
    const stride: [number, number] = typeof c.stride === 'number' ? [c.stride, c.stride] : c.stride;
    const pad = c.pad === 'same' ? 'same' : 'valid';
    return {
      kernel: CONV_BIAS_RELU,
      label: `${c.label}: output and the gradients of x, filter and bias`,
      inputShapes: [c.x, c.filter, [c.filter[3]], dy],
      compute: ([x, w, bias, dyValues], _backend, kernels) => {
        const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
          convBiasRelu(
            xx as tf.Tensor4D,
            ww as tf.Tensor4D,
            bb as tf.Tensor1D,
            stride,
            pad,
            kernels,
          );
        return [f(x!, w!, bias!), ...tf.grads(f)([x!, w!, bias!], dyValues)];
      },
      tolerance: TOLERANCE,
      reference: 'stock',
    };
  });
}
