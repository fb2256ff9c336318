// Names of the kernels this project adds (tfjs has no kernel for them). The ops run them when handed
// the 'own' kernel mode and tfjs's ops in 'stock' mode: installKernels registers them in 'own' mode
// and removes them in 'stock' mode, and WebGL never gets them.

import * as tf from '@tensorflow/tfjs';

/** Dropout with a mask from Philox(seed, element index): inputs { x }, attrs { rate, seed }. */
export const SEEDED_DROPOUT = 'AlexnetSeededDropout';
/** relu(x + bias), bias along the last axis: inputs { x, bias }. */
export const BIAS_RELU = 'AlexnetBiasRelu';
/** BiasRelu's input gradient dy * (y > 0): inputs { dy, y }. */
export const BIAS_RELU_GRAD_X = 'AlexnetBiasReluGradX';
/** BiasRelu's bias gradient, dy * (y > 0) summed over all axes but the last: inputs { dy, y }. */
export const BIAS_RELU_GRAD_BIAS = 'AlexnetBiasReluGradBias';
/** One Adam update: inputs { w, m, v, g }, outputs [w, m, v] (fresh tensors). */
export const FUSED_ADAM = 'AlexnetFusedAdam';

/** True when `kernelName` is registered for the current backend: whether a backend has a kernel at
 * all (the fused conv exists on WebGPU only), never which mode is in force. */
export function hasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}
/**
 * relu(conv2d(x, filter) + bias), NHWC, no dilation: inputs { x, filter, bias }, attrs { strides,
 * pad }. WebGPU only; elsewhere convBiasRelu runs conv2d and then biasRelu.
 */
export const CONV_BIAS_RELU = 'AlexnetConvBiasRelu';
/**
 * relu(x W + bias), x [rows, inputs], W [inputs, units]: inputs { x, kernel, bias }. WebGPU only;
 * elsewhere denseBiasRelu runs matMul and then biasRelu.
 */
export const DENSE_BIAS_RELU = 'AlexnetDenseBiasRelu';
/**
 * A ReLU layer's products on dy * (y > 0) without that tensor: the core reads dy masked by the
 * layer's output y. Conv2DBackpropInput { dy, y, filter }, Conv2DBackpropFilter { x, dy, y } (their
 * attrs as tfjs's), and a matMul { a, b, y } with attrs { transposeA, transposeB, masked: 'a' | 'b' }
 * (y masks that operand). WebGPU only: elsewhere the gradients run BiasReluGradX, then the plain
 * kernel.
 */
export const RELU_CONV_INPUT_GRAD = 'AlexnetReluConv2DBackpropInput';
export const RELU_CONV_FILTER_GRAD = 'AlexnetReluConv2DBackpropFilter';
export const RELU_MATMUL = 'AlexnetReluMaskedMatMul';
