// relu(conv2d(x, filter) + bias) as one op: on WebGPU one dispatch of the matrix-product core, bias
// and ReLU applied in its epilogue (a conv layer's forward pass: 1 dispatch instead of 2). Its
// gradient is BiasRelu's (from dy and the output y) followed by conv2d's two gradients on the
// masked dy. In 'stock' mode the op is tfjs's conv2d, Add and Relu; in 'own' mode on a backend
// without the fused kernel (the CPU) it is biasRelu(conv2d(x, filter), bias): the same numbers.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode } from '../protocol/backend';
import { biasRelu } from './biasRelu';
import {
  BIAS_RELU_GRAD_BIAS,
  BIAS_RELU_GRAD_X,
  CONV_BIAS_RELU,
  hasKernel,
  RELU_CONV_FILTER_GRAD,
  RELU_CONV_INPUT_GRAD,
} from './ownKernelNames';

export interface ConvBiasReluAttrs {
  strides: [number, number];
  pad: 'same' | 'valid';
}

tf.registerGradient({
  kernelName: CONV_BIAS_RELU,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved;
    if (Array.isArray(dy) || !x || !filter || !y) {
      throw new Error(`${CONV_BIAS_RELU}'s gradient needs dy, x, the filter and its output.`);
    }
    const { strides, pad } = attrs as unknown as ConvBiasReluAttrs;
    const bias = () => tf.engine().runKernel<tf.Tensor>(BIAS_RELU_GRAD_BIAS, { dy, y });
    if (hasKernel(RELU_CONV_INPUT_GRAD) && hasKernel(RELU_CONV_FILTER_GRAD)) {
      // Both products read dy masked by y > 0 themselves (WebGPU): no masked dy is written.
      return {
        x: () =>
          tf
            .engine()
            .runKernel<tf.Tensor>(
              RELU_CONV_INPUT_GRAD,
              { dy, y, filter },
              { strides, pad, dataFormat: 'NHWC', inputShape: x.shape },
            ),
        filter: () =>
          tf
            .engine()
            .runKernel<tf.Tensor>(
              RELU_CONV_FILTER_GRAD,
              { x, dy, y },
              { strides, pad, dataFormat: 'NHWC', filterShape: filter.shape },
            ),
        bias,
      };
    }
    // dy through the ReLU, shared by the input and filter gradients (made here, it lives until the
    // backward pass's scope ends).
    const masked = tf.engine().runKernel<tf.Tensor>(BIAS_RELU_GRAD_X, { dy, y });
    return {
      x: () =>
        tf
          .engine()
          .runKernel<tf.Tensor>(
            tf.Conv2DBackpropInput,
            { dy: masked, filter },
            { strides, pad, dataFormat: 'NHWC', inputShape: x.shape },
          ),
      filter: () =>
        tf
          .engine()
          .runKernel<tf.Tensor>(
            tf.Conv2DBackpropFilter,
            { x, dy: masked },
            { strides, pad, dataFormat: 'NHWC', filterShape: filter.shape },
          ),
      bias,
    };
  },
});

/** relu(conv2d(x, filter, strides, pad) + bias), NHWC. */
export function convBiasRelu(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D,
  strides: [number, number],
  pad: 'same' | 'valid',
  kernels: KernelMode,
): tf.Tensor4D {
  // The mode decides; the registry only says whether this backend has the fused kernel at all
  // (WebGPU does, the CPU backend does not).
  if (kernels === 'stock' || !hasKernel(CONV_BIAS_RELU)) {
    return biasRelu(tf.conv2d(x, filter, strides, pad, 'NHWC'), bias, kernels);
  }
  const attrs: ConvBiasReluAttrs = { strides, pad };
  return tf
    .engine()
    .runKernel<tf.Tensor4D>(
      CONV_BIAS_RELU,
      { x, filter, bias },
      attrs as unknown as tf.NamedAttrMap,
    );
}
