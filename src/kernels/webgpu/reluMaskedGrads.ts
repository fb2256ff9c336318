// The products of a ReLU layer's gradient (conv + bias + ReLU, dense + bias + ReLU) on
// dy * (y > 0), read straight from dy and the layer's output y by a masked operand reader
// (core/coreOperands.ts): the masked dy is never written, which saves one dispatch per layer (the
// bias gradient still reads dy and y itself). Inputs the core cannot take run BiasReluGradX, then
// the registered plain kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import {
  BIAS_RELU_GRAD_X,
  RELU_CONV_FILTER_GRAD,
  RELU_CONV_INPUT_GRAD,
  RELU_MATMUL,
} from '../ownKernelNames';
import { convKernelCall } from './convKernelCall';
import { convShapeOf, ownConvTakes } from './convKernelArgs';
import { matMulProduct } from './core/matMulProduct';
import { maskedByPositive } from './core/coreOperands';
import { runMatMulCore, type CoreCall } from './core/runMatMulCore';
import { storedAsFloat32 } from './storedDtype';

type Args = Parameters<tf.KernelFunc>[0];

/** BiasReluGradX on dy and y, then the registered `plain` kernel with the masked dy as `dyName`. */
function viaMaskedDy(args: Args, plain: string, dyName: string): tf.TensorInfo {
  const { inputs, attrs } = args;
  const backend = args.backend as WebGPUBackend;
  const kernel = (name: string) => {
    const config = tf.getKernel(name, 'webgpu');
    if (!config) throw new Error(`${plain} on a ReLU's output needs ${name} on webgpu.`);
    return config;
  };
  const { y, ...rest } = inputs;
  const dy = rest[dyName];
  const masked = kernel(BIAS_RELU_GRAD_X).kernelFunc({
    inputs: { dy: dy!, y: y! },
    backend,
    attrs: {},
  }) as tf.TensorInfo;
  const out = kernel(plain).kernelFunc({
    inputs: { ...rest, [dyName]: masked },
    backend,
    attrs: attrs ?? {},
  }) as tf.TensorInfo;
  backend.disposeData(masked.dataId);
  return out;
}

/** The core call with the operand reading dy masked by y, or undefined where it cannot. */
function runMasked(
  backend: WebGPUBackend,
  call: CoreCall,
  side: 'a' | 'b',
  y: tf.TensorInfo | undefined,
): tf.TensorInfo | undefined {
  if (!y || !storedAsFloat32(backend, y)) return undefined;
  const masked =
    side === 'a'
      ? { ...call, a: maskedByPositive(call.a), inputs: { ...call.inputs, maskA: y } }
      : { ...call, b: maskedByPositive(call.b), inputs: { ...call.inputs, maskB: y } };
  return runMatMulCore(backend, masked);
}

const reluConvInputGrad: tf.KernelConfig = {
  kernelName: RELU_CONV_INPUT_GRAD,
  backendName: 'webgpu',
  kernelFunc: (args) => {
    const { dy, y, filter } = args.inputs;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const backend = args.backend as WebGPUBackend;
    const takes = ownConvTakes(backend, attrs, dy, filter) && attrs.inputShape.length === 4;
    const shape = takes ? convShapeOf(attrs.inputShape, filter!.shape, attrs) : undefined;
    const result = shape
      ? runMasked(
          backend,
          convKernelCall('inputGradient', shape, dy!, filter!, [...attrs.inputShape]),
          'a',
          y,
        )
      : undefined;
    return result ?? viaMaskedDy(args, tf.Conv2DBackpropInput, 'dy');
  },
};

const reluConvFilterGrad: tf.KernelConfig = {
  kernelName: RELU_CONV_FILTER_GRAD,
  backendName: 'webgpu',
  kernelFunc: (args) => {
    const { x, dy, y } = args.inputs;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const backend = args.backend as WebGPUBackend;
    const shape = ownConvTakes(backend, attrs, x, dy)
      ? convShapeOf(x!.shape, attrs.filterShape, attrs)
      : undefined;
    const result = shape
      ? runMasked(
          backend,
          convKernelCall('filterGradient', shape, x!, dy!, [
            shape.filterHeight,
            shape.filterWidth,
            shape.inChannels,
            shape.outChannels,
          ]),
          'b',
          y,
        )
      : undefined;
    return result ?? viaMaskedDy(args, tf.Conv2DBackpropFilter, 'dy');
  },
};

export interface ReluMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  /** Which operand is dy (y, of its shape, masks it). */
  masked: 'a' | 'b';
}

const reluMatMul: tf.KernelConfig = {
  kernelName: RELU_MATMUL,
  backendName: 'webgpu',
  kernelFunc: (args) => {
    const { a, b, y } = args.inputs;
    const { transposeA, transposeB, masked } = args.attrs as unknown as ReluMatMulAttrs;
    const backend = args.backend as WebGPUBackend;
    const product =
      a && b && storedAsFloat32(backend, a, b)
        ? matMulProduct(a.shape, b.shape, transposeA, transposeB)
        : undefined;
    const result = product
      ? runMasked(backend, { ...product, inputs: { a: a!, b: b! }, epilogue: 'store' }, masked, y)
      : undefined;
    return (
      result ?? viaMaskedDy({ ...args, attrs: { transposeA, transposeB } }, tf.BatchMatMul, masked)
    );
  },
};

export const reluMaskedGradConfigs: tf.KernelConfig[] = [
  reluConvInputGrad,
  reluConvFilterGrad,
  reluMatMul,
];
