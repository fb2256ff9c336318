// relu(x + bias) as one op with its own gradient, for the conv and ReLU-dense layers in training.
// Under a gradient tape tfjs does not fuse a non-linear activation (its fused conv and matMul only
// take linear ones there), so each such layer costs Add + Relu forward and Step + Multiply + Sum
// backward; with the own kernels it is one dispatch forward and two backward (the input gradient and
// the bias gradient, independent of each other). In 'stock' mode (and on WebGL, which has no own
// kernels) the op is tf.relu(tf.add(x, bias)), the same numbers.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode } from '../protocol/backend';
import { BIAS_RELU, BIAS_RELU_GRAD_BIAS, BIAS_RELU_GRAD_X } from './ownKernelNames';

// Both gradients are functions of dy and the op's output: y > 0 exactly where x + bias > 0.
tf.registerGradient({
  kernelName: BIAS_RELU,
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const [y] = saved;
    if (Array.isArray(dy) || !y)
      throw new Error(`${BIAS_RELU}'s gradient needs dy and its output.`);
    return {
      x: () => tf.engine().runKernel<tf.Tensor>(BIAS_RELU_GRAD_X, { dy, y }),
      bias: () => tf.engine().runKernel<tf.Tensor>(BIAS_RELU_GRAD_BIAS, { dy, y }),
    };
  },
});

/**
 * relu(x + bias), `bias` a vector as long as `x`'s last axis (NHWC channels, dense units): the own
 * kernel with `kernels` 'own', tfjs's Add and Relu with 'stock'.
 */
export function biasRelu<T extends tf.Tensor>(x: T, bias: tf.Tensor1D, kernels: KernelMode): T {
  const channels = x.shape.at(-1);
  if (bias.rank !== 1 || channels === undefined || bias.shape[0] !== channels) {
    throw new Error(
      `biasRelu needs a bias as long as the last axis of x: x is [${x.shape.join(', ')}], ` +
        `bias [${bias.shape.join(', ')}].`,
    );
  }
  if (x.dtype !== 'float32' || bias.dtype !== 'float32') {
    throw new Error(`biasRelu needs float32 tensors, got ${x.dtype} and ${bias.dtype}.`);
  }
  if (kernels === 'stock') return tf.relu(tf.add<T>(x, bias));
  return tf.engine().runKernel<T>(BIAS_RELU, { x, bias });
}
