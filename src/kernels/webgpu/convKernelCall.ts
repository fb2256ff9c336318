// A convolution product (core/convProducts.ts) as a call of the core on tensors.

import type * as tf from '@tensorflow/tfjs';
import { convProduct, type ConvProductKind, type ConvShape } from './core/convProducts';
import type { CoreCall } from './core/runMatMulCore';

export function convKernelCall(
  kind: ConvProductKind,
  shape: ConvShape,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  outputShape: number[],
  bias?: tf.TensorInfo,
): CoreCall {
  const product = convProduct(kind, shape);
  return {
    m: product.m,
    n: product.n,
    k: product.k,
    a: product.a,
    b: product.b,
    conv: product.conv,
    inputs: { a, b, bias },
    epilogue: bias ? 'biasRelu' : 'store',
    outputShape,
  };
}
