// AlexnetReluMaskedMatMul: a dense + bias + ReLU layer's gradient products (input and weight
// gradients) on dy masked by the layer's output y, read in place (reluMasking.ts).

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { RELU_MATMUL } from '../ownKernelNames';
import { matMulProduct } from './core/matMulProduct';
import { runMasked, viaMaskedDy } from './reluMasking';
import { storedAsFloat32 } from './storedDtype';

export interface ReluMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  /** Which operand is dy (y, of its shape, masks it). */
  masked: 'a' | 'b';
}

export const reluMaskedMatMulConfig: tf.KernelConfig = {
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
