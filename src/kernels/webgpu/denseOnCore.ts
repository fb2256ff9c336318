// A dense product with the bias (and ReLU) in the matrix-product core's epilogue, shared by
// FusedMatMul.ts and denseBiasRelu.ts: undefined for inputs the core does not take, which each
// kernel hands to its own fallback.

import type * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { matMulProduct } from './core/matMulProduct';
import { runMatMulCore, type CoreOptions } from './core/runMatMulCore';
import type { SumEpilogue } from './core/sumSplitsProgram';
import { storedAsFloat32 } from './storedDtype';

export interface DenseArgs {
  a: tf.TensorInfo;
  b: tf.TensorInfo;
  bias?: tf.TensorInfo;
  transposeA: boolean;
  transposeB: boolean;
  epilogue: SumEpilogue;
}

/** The product on the core, or undefined for what it does not take (the caller's fallback). */
export function runDense(
  backend: WebGPUBackend,
  args: DenseArgs,
  options: CoreOptions,
): tf.TensorInfo | undefined {
  const { a, b, bias } = args;
  const tensors = bias ? [a, b, bias] : [a, b];
  if (!storedAsFloat32(backend, ...tensors)) return undefined;
  const product = matMulProduct(a.shape, b.shape, args.transposeA, args.transposeB);
  if (!product) return undefined;
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== product.n)) return undefined;
  return runMatMulCore(
    backend,
    { ...product, inputs: { a, b, bias }, epilogue: args.epilogue },
    options,
  );
}
