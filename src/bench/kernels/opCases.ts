// What `npm run bench:kernels` times, per layer: one small descriptor per operation, so that an own
// kernel for another op adds one entry to OP_DESCRIPTORS (bias + ReLU, dropout and Adam:
// trainingOpCases.ts).

import * as tf from '@tensorflow/tfjs';
import { convBiasRelu } from '../../kernels/convBiasRelu';
import { installedKernelMode } from '../../kernels/installKernels';
import { CONV_BIAS_RELU } from '../../kernels/ownKernelNames';
import type { ConvProductKind } from '../../kernels/webgpu/core/convProducts';
import { coreWork, GPU_SPLIT_POLICY, planCore } from '../../kernels/webgpu/core/coreGeometry';
import type { CoreProblem } from '../../kernels/webgpu/core/coreGeometry';
import {
  convLayerProduct,
  denseLayerProduct,
  type DenseProductKind,
} from '../../tools/kernelChecks/layerProducts';
import { convLayerShapes, denseLayerShapes, type ConvLayerShape } from '../../model/layerShapes';
import type { ModelName } from '../../protocol';
import { conv, dense, type BenchLayer, type OpDescriptor } from './opDescriptor';
import { trainingOps } from './trainingOpCases';

export type { BenchLayer, OpDescriptor } from './opDescriptor';

/** The core's work for a product, as planned for a hardware adapter. */
function work(problem: CoreProblem) {
  const plan = planCore(problem, GPU_SPLIT_POLICY);
  return plan && coreWork(problem, plan);
}
const convWork = (kind: ConvProductKind) => (l: BenchLayer, b: number) =>
  work(convLayerProduct(l.shape.model, l.shape.layer, kind, b));
const denseWork = (kind: DenseProductKind) => (l: BenchLayer, b: number) =>
  work(denseLayerProduct(l.shape.model, l.shape.layer, kind, b));

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
    ownWork: convWork('forward'),
  },
  {
    // A conv layer's whole forward pass: stock runs Conv2D, Add and Relu; own one fused dispatch.
    op: 'convBiasRelu',
    kernel: CONV_BIAS_RELU,
    appliesTo: ['conv'],
    inputShapes: (l, b) => [[b, ...conv(l).input], conv(l).filter, [conv(l).filter[3]]],
    run: ([x, w, bias], l) => {
      const { stride, pad } = conv(l);
      if (typeof pad === 'number') throw new Error('convBiasRelu takes same or valid padding.');
      return convBiasRelu(
        x as tf.Tensor4D,
        w as tf.Tensor4D,
        bias as tf.Tensor1D,
        [stride, stride],
        pad,
        installedKernelMode('webgpu'),
      );
    },
    ownWork: convWork('forward'),
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
    ownWork: convWork('inputGradient'),
  },
  {
    // The same input gradient with tfjs's matmul-based program as the stock side (a second
    // baseline: tfjs defaults to the direct Conv2DDerInputProgram).
    op: 'inputGradientMM',
    kernel: tf.Conv2DBackpropInput,
    appliesTo: ['conv'],
    inputShapes: (l, b) => [[b, ...conv(l).output], conv(l).filter],
    notInTraining: (l) =>
      l.first ? "not in a training step: the first layer's input needs no gradient" : undefined,
    run: ([dy, w], l, b) => {
      const flag = 'WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE';
      const before = tf.env().getBool(flag);
      tf.env().set(flag, false);
      try {
        return runKernel(
          tf.Conv2DBackpropInput,
          { dy: dy!, filter: w! },
          { ...convAttrs(conv(l)), inputShape: [b, ...conv(l).input] },
        );
      } finally {
        tf.env().set(flag, before);
      }
    },
    ownWork: convWork('inputGradient'),
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
    ownWork: convWork('filterGradient'),
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
    ownWork: denseWork('denseForward'),
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
    ownWork: denseWork('denseInputGradient'),
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
    ownWork: denseWork('denseWeightGradient'),
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
