// What `npm run bench:kernels` times, per layer: one small descriptor per operation, so that an own
// kernel for another op adds one entry to OP_DESCRIPTORS (bias + ReLU, dropout and Adam:
// trainingOpCases.ts).

import * as tf from '@tensorflow/tfjs';
import {
  MAX_WEIGHT_GRADIENT_REDUCTION,
  weightGradientDims,
} from '../../kernels/webgpu/BatchMatMul';
import { filterGradientPlan } from '../../kernels/webgpu/filterGradientGeometry';
import { convLayerShapes, denseLayerShapes, type ConvLayerShape } from '../../model/layerShapes';
import type { ModelName } from '../../protocol';
import { conv, dense, type BenchLayer, type OpDescriptor } from './opDescriptor';
import { trainingOps } from './trainingOpCases';

export type { BenchLayer, OpDescriptor } from './opDescriptor';

const convAttrs = (c: ConvLayerShape) => ({ strides: c.stride, pad: c.pad, dataFormat: 'NHWC' });
const runKernel = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel<tf.Tensor>(name, inputs, attrs as tf.NamedAttrMap);

const convOps: OpDescriptor[] = [
  {
    op: 'forwardConv',
    kernel: tf.Conv2D,
    appliesTo: ['conv'],
    inputShapes: (l, b) => [[b, ...conv(l).input], conv(l).filter],
    run: ([x, w], l) =>
      runKernel(tf.Conv2D, { x: x!, filter: w! }, { ...convAttrs(conv(l)), dilations: 1 }),
  },
  {
    op: 'inputGradient',
    kernel: tf.Conv2DBackpropInput,
    appliesTo: ['conv'],
    inputShapes: (l, b) => [[b, ...conv(l).output], conv(l).filter],
    notInTraining: (l) =>
      l.first ? "not in a training step: the first layer's input needs no gradient" : undefined,
    run: ([dy, w], l, b) =>
      runKernel(
        tf.Conv2DBackpropInput,
        { dy: dy!, filter: w! },
        { ...convAttrs(conv(l)), inputShape: [b, ...conv(l).input] },
      ),
  },
  {
    op: 'filterGradient',
    kernel: tf.Conv2DBackpropFilter,
    appliesTo: ['conv'],
    inputShapes: (l, b) => [
      [b, ...conv(l).input],
      [b, ...conv(l).output],
    ],
    run: ([x, dy], l) =>
      runKernel(
        tf.Conv2DBackpropFilter,
        { x: x!, dy: dy! },
        { ...convAttrs(conv(l)), filterShape: conv(l).filter },
      ),
    ownGeometry: (l, b) => {
      const { filter, output } = conv(l);
      return filterGradientPlan({
        batchSize: b,
        inChannels: filter[2],
        outHeight: output[0],
        outWidth: output[1],
        outChannels: filter[3],
        filterHeight: filter[0],
        filterWidth: filter[1],
      });
    },
  },
];

// The three products of a dense layer y = x W, as tfjs's matMul gradient computes them.
const denseOps: OpDescriptor[] = [
  {
    op: 'denseForward',
    kernel: tf.BatchMatMul,
    appliesTo: ['dense'],
    inputShapes: (l, b) => [
      [b, dense(l).inputs],
      [dense(l).inputs, dense(l).units],
    ],
    run: ([x, w]) => tf.matMul(x!, w!),
    ownHandles: () => false,
  },
  {
    op: 'denseInputGradient',
    kernel: tf.BatchMatMul,
    appliesTo: ['dense'],
    inputShapes: (l, b) => [
      [b, dense(l).units],
      [dense(l).inputs, dense(l).units],
    ],
    run: ([dy, w]) => tf.matMul(dy!, w!, false, true),
    ownHandles: () => false,
  },
  {
    op: 'denseWeightGradient',
    kernel: tf.BatchMatMul,
    appliesTo: ['dense'],
    inputShapes: (l, b) => [
      [b, dense(l).inputs],
      [b, dense(l).units],
    ],
    run: ([x, dy]) => tf.matMul(x!, dy!, true, false),
    ownHandles: (l, b) =>
      weightGradientDims([b, dense(l).inputs], [b, dense(l).units], true, false) !== undefined,
    // The own kernel runs it as a 1x1 convolution's filter gradient over `batch` pixels.
    ownGeometry: (l, b) =>
      b > MAX_WEIGHT_GRADIENT_REDUCTION
        ? undefined
        : filterGradientPlan({
            batchSize: b,
            inChannels: dense(l).inputs,
            outHeight: 1,
            outWidth: 1,
            outChannels: dense(l).units,
            filterHeight: 1,
            filterWidth: 1,
          }),
  },
];

/** Every per-layer operation the benchmark times; add an own kernel's op here. */
export const OP_DESCRIPTORS: readonly OpDescriptor[] = [...convOps, ...denseOps, ...trainingOps];

export function benchLayers(model: ModelName): BenchLayer[] {
  return [
    ...convLayerShapes(model).map((shape, i) => ({ kind: 'conv' as const, shape, first: i === 0 })),
    ...denseLayerShapes(model).map((shape) => ({ kind: 'dense' as const, shape, first: false })),
  ];
}
