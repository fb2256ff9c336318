// Correctness checks for the fused conv + bias + ReLU (one dispatch on WebGPU) and its three
// gradients, through tf.grads, on alexnet-mini's conv layers and an odd shape; the CPU runs conv2d,
// then biasRelu.

import * as tf from '@tensorflow/tfjs';
import { convBiasRelu } from '../../kernels/convBiasRelu';
import { CONV_BIAS_RELU } from '../../kernels/ownKernelNames';
import { CONV_BIAS_RELU_ODD_CASE } from './cases/conv.cases';
import { CONV_TOLERANCE, dyShape, layerCases } from './convChecks';
import type { KernelCheck } from './kernelCheck';

/** The fused op's output and the gradients of x, filter and bias, at `batch`. */
export function convBiasReluChecks(batch: number): KernelCheck[] {
  return [CONV_BIAS_RELU_ODD_CASE, ...layerCases('alexnet-mini', batch)].map((c) => {
    const dy = dyShape(c);
    const stride: [number, number] = typeof c.stride === 'number' ? [c.stride, c.stride] : c.stride;
    const pad = c.pad === 'same' ? 'same' : 'valid';
    return {
      kernel: CONV_BIAS_RELU,
      label: `${c.label}: output and the gradients of x, filter and bias`,
      inputShapes: [c.x, c.filter, [c.filter[3]], dy],
      compute: ([x, w, bias, dyValues], _backend, kernels) => {
        const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
          convBiasRelu(
            xx as tf.Tensor4D,
            ww as tf.Tensor4D,
            bb as tf.Tensor1D,
            stride,
            pad,
            kernels,
          );
        return [f(x!, w!, bias!), ...tf.grads(f)([x!, w!, bias!], dyValues)];
      },
      tolerance: CONV_TOLERANCE,
      reference: 'stock',
    };
  });
}
