// relu(x W + bias) as one op, for the ReLU dense layers (alexnet's fc1 and fc2): on WebGPU one
// dispatch of the matrix-product core with bias and ReLU in its epilogue (two where the product
// splits its reduction on a hardware adapter: the pass adding the splits applies them), instead of
// BatchMatMul then BiasRelu. tfjs's own _FusedMatMul takes no ReLU under a gradient tape, so the op
// has its own kernel name and gradient: BiasRelu's (from dy and the output y), then matMul's two
// products on the masked dy (on WebGPU they read dy masked by y themselves:
// webgpu/ReluMaskedMatMul.ts). In 'stock' mode, or on a backend without the fused kernel (the CPU),
// the op is biasRelu(matMul(x, W), bias): the same numbers.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode } from '../protocol/backend';
import { biasRelu } from './biasRelu';
import {
  BIAS_RELU_GRAD_BIAS,
  BIAS_RELU_GRAD_X,
  DENSE_BIAS_RELU,
  hasKernel,
  RELU_MATMUL,
} from './ownKernelNames';

tf.registerGradient({
  kernelName: DENSE_BIAS_RELU,
  inputsToSave: ['x', 'kernel'],
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const [x, kernel, y] = saved;
    if (Array.isArray(dy) || !x || !kernel || !y) {
      throw new Error(`${DENSE_BIAS_RELU}'s gradient needs dy, x, the kernel and its output.`);
    }
    const bias = () => tf.engine().runKernel<tf.Tensor>(BIAS_RELU_GRAD_BIAS, { dy, y });
    if (hasKernel(RELU_MATMUL)) {
      // Both products read dy masked by y > 0 themselves (WebGPU): no masked dy is written.
      const product = (a: tf.Tensor, b: tf.Tensor, transposeA: boolean, masked: 'a' | 'b') =>
        tf
          .engine()
          .runKernel<tf.Tensor>(
            RELU_MATMUL,
            { a, b, y },
            { transposeA, transposeB: !transposeA, masked },
          );
      return {
        x: () => product(dy, kernel, false, 'a'),
        kernel: () => product(x, dy, true, 'b'),
        bias,
      };
    }
    // dy through the ReLU, shared by the input and weight gradients.
    const masked = tf.engine().runKernel<tf.Tensor2D>(BIAS_RELU_GRAD_X, { dy, y });
    return {
      x: () => tf.matMul(masked, kernel, false, true),
      kernel: () => tf.matMul(x, masked, true, false),
      bias,
    };
  },
});

/** relu(x W + bias): x [rows, inputs], kernel [inputs, units], bias [units]. */
export function denseBiasRelu(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  kernels: KernelMode,
): tf.Tensor2D {
  // The mode decides; the registry only says whether this backend has the fused kernel at all.
  if (kernels === 'stock' || !hasKernel(DENSE_BIAS_RELU)) {
    return biasRelu(tf.matMul(x, kernel), bias, kernels);
  }
  return tf.engine().runKernel<tf.Tensor2D>(DENSE_BIAS_RELU, { x, kernel, bias });
}
