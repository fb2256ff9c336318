// Correctness cases for the own Conv2DBackpropFilter: every conv layer of both models, and edge
// shapes (batch 1, odd sizes, stride > kernel, 1x1 kernels, explicit padding, 'same' at stride 2,
// ragged tiles, each tiling forced, the NCHW fallback, and the gradient as tf.grad reaches it).

import * as tf from '@tensorflow/tfjs';
import { stockKernel } from '../../kernels/installKernels';
import { conv2dBackpropFilterConfig } from '../../kernels/webgpu/Conv2DBackpropFilter';
import type { SplitKOptions } from '../../kernels/webgpu/runFilterGradient';
import { FILTER_GRADIENT_TILINGS } from '../../kernels/webgpu/filterGradientGeometry';
import { SOFTWARE_SPLIT_K_LIMITS, SPLIT_K_LIMITS } from '../../kernels/webgpu/splitKGeometry';
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

const filterGradient = (c: ConvCase, [x, dy]: tf.Tensor[]) =>
  tf.engine().runKernel<tf.Tensor>(
    tf.Conv2DBackpropFilter,
    { x: x!, dy: dy! },
    {
      strides: c.stride,
      pad: c.pad,
      dataFormat: c.dataFormat ?? 'NHWC',
      filterShape: c.filter,
    },
  );

/** Runs `fn` with the own kernel made with `options` in place of the registered one. */
function withOptions<T>(options: SplitKOptions, fn: () => T): T {
  const name = tf.Conv2DBackpropFilter;
  const registered = tf.getKernel(name, 'webgpu');
  tf.unregisterKernel(name, 'webgpu');
  tf.registerKernel(conv2dBackpropFilterConfig((n) => stockKernel('webgpu', n), options));
  try {
    return fn();
  } finally {
    tf.unregisterKernel(name, 'webgpu');
    if (registered) tf.registerKernel(registered);
  }
}

function check(c: ConvCase, options?: SplitKOptions): KernelCheck {
  const dy = dyShape(c);
  const macs =
    c.filter.reduce((a, b) => a * b, 1) * ((dy[0] * dy[1] * dy[2] * dy[3]) / c.filter[3]);
  return {
    kernel: tf.Conv2DBackpropFilter,
    label: c.label,
    inputShapes: [c.x, dy],
    compute: (inputs, backend) =>
      options && backend === 'webgpu'
        ? withOptions(options, () => filterGradient(c, inputs))
        : filterGradient(c, inputs),
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

/** One odd shape through each tiling, whichever the kernel would pick for it. */
function tilingChecks(): KernelCheck[] {
  const c: ConvCase = {
    label: '',
    x: [3, 14, 13, 5],
    filter: [3, 4, 5, 33],
    stride: [1, 2],
    pad: 'same',
  };
  return FILTER_GRADIENT_TILINGS.map((tiling) => {
    const [perN, perM] = tiling.perInvocation;
    return check(
      { ...c, label: `tiling ${perM}x${perN} forced, 3x4 kernel` },
      { tilings: [tiling] },
    );
  });
}

/**
 * Both split policies on every adapter: a GPU splits until >= 100k invocations run, a software
 * adapter only as far as the serial rule needs (the kernel picks by adapter, so force each).
 */
function splitPolicyChecks(batch: number): KernelCheck[] {
  const long = EDGE_CASES.find((c) => c.label.startsWith('long reduction'))!;
  const policies = [
    { name: 'GPU split policy', limits: SPLIT_K_LIMITS },
    { name: 'software split policy', limits: SOFTWARE_SPLIT_K_LIMITS },
  ];
  return policies.flatMap(({ name, limits }) => [
    check({ ...long, label: `${long.label}, ${name}` }, { limits }),
    ...layerCases('alexnet-mini', batch).map((c) =>
      check({ ...c, label: `${c.label}, ${name}` }, { limits }),
    ),
  ]);
}

/** The gradient as tf.grad asks for it, through conv2d's registered gradient. */
function throughGradCheck(): KernelCheck {
  const c: ConvCase = {
    label: 'via tf.grad of conv2d',
    x: [2, 9, 9, 3],
    filter: [3, 3, 3, 4],
    stride: 2,
    pad: 'same',
  };
  return {
    ...check(c),
    inputShapes: [c.x, c.filter, dyShape(c)],
    compute: ([x, w, dy]) =>
      tf.grad((filter: tf.Tensor) =>
        tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, c.stride, c.pad),
      )(w!, dy),
  };
}

/** Every filter-gradient case: the models' layers at `batch` (alexnet's at `alexnetBatch`). */
export function filterGradientChecks(batch: number, alexnetBatch = batch): KernelCheck[] {
  return [
    ...EDGE_CASES.map((c) => check(c)),
    ...tilingChecks(),
    ...splitPolicyChecks(batch),
    throughGradCheck(),
    ...layerCases('alexnet', alexnetBatch).map((c) => check(c)),
  ];
}
