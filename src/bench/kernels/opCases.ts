// What `npm run bench:kernels` times, per layer: one small descriptor per operation, so that an own
// kernel for another op (dropout, Adam) adds one entry to OP_DESCRIPTORS.

import * as tf from '@tensorflow/tfjs';
import {
  MAX_WEIGHT_GRADIENT_REDUCTION,
  weightGradientDims,
} from '../../kernels/webgpu/BatchMatMul';
import { filterGradientPlan } from '../../kernels/webgpu/filterGradientGeometry';
import type { LaunchGeometry } from '../../kernels/webgpu/splitKGeometry';
import {
  convLayerShapes,
  denseLayerShapes,
  type ConvLayerShape,
  type DenseLayerShape,
} from '../../model/layerShapes';
import type { ModelName } from '../../protocol';

/** `first`: the model's first layer, whose input (the images) needs no gradient. */
export type BenchLayer =
  | { kind: 'conv'; shape: ConvLayerShape; first: boolean }
  | { kind: 'dense'; shape: DenseLayerShape; first: boolean };

export interface OpDescriptor {
  /** Row label, e.g. 'filterGradient'. */
  op: string;
  /** The tfjs kernel it runs: an own kernel under this name makes the row stock vs own. */
  kernel: string;
  appliesTo: BenchLayer['kind'];
  /** Input shapes at `batch` (filled with random values once, outside the timing). */
  inputShapes(layer: BenchLayer, batch: number): number[][];
  /** One call, on whatever kernels are installed. */
  run(inputs: tf.Tensor[], layer: BenchLayer, batch: number): tf.Tensor | tf.Tensor[];
  /** Why a training step never runs this op on `layer`, if it does not: then it is not timed. */
  notInTraining?(layer: BenchLayer): string | undefined;
  /**
   * Whether an own kernel registered under `kernel` computes this op itself (true when not given);
   * false where it hands this form to the stock kernel, so own = stock.
   */
  ownHandles?(layer: BenchLayer, batch: number): boolean;
  /** The own kernel's launch at batch 128 (undefined when it falls back to stock there). */
  ownGeometry?(layer: BenchLayer, batch: number): LaunchGeometry | undefined;
}

function conv(layer: BenchLayer): ConvLayerShape {
  if (layer.kind !== 'conv') throw new Error(`${layer.shape.layer} is not a conv layer.`);
  return layer.shape;
}

function dense(layer: BenchLayer): DenseLayerShape {
  if (layer.kind !== 'dense') throw new Error(`${layer.shape.layer} is not a dense layer.`);
  return layer.shape;
}

const convAttrs = (c: ConvLayerShape) => ({ strides: c.stride, pad: c.pad, dataFormat: 'NHWC' });
const runKernel = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel<tf.Tensor>(name, inputs, attrs as tf.NamedAttrMap);

const convOps: OpDescriptor[] = [
  {
    op: 'forwardConv',
    kernel: tf.Conv2D,
    appliesTo: 'conv',
    inputShapes: (l, b) => [[b, ...conv(l).input], conv(l).filter],
    run: ([x, w], l) =>
      runKernel(tf.Conv2D, { x: x!, filter: w! }, { ...convAttrs(conv(l)), dilations: 1 }),
  },
  {
    op: 'inputGradient',
    kernel: tf.Conv2DBackpropInput,
    appliesTo: 'conv',
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
    appliesTo: 'conv',
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
    appliesTo: 'dense',
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
    appliesTo: 'dense',
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
    appliesTo: 'dense',
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
export const OP_DESCRIPTORS: readonly OpDescriptor[] = [...convOps, ...denseOps];

export function benchLayers(model: ModelName): BenchLayer[] {
  return [
    ...convLayerShapes(model).map((shape, i) => ({ kind: 'conv' as const, shape, first: i === 0 })),
    ...denseLayerShapes(model).map((shape) => ({ kind: 'dense' as const, shape, first: false })),
  ];
}
