// BiasRelu's input gradient on WebGPU, one elementwise dispatch: dx = dy * (y > 0), from dy and the
// forward output y (y > 0 exactly where x + bias > 0). tfjs would run Step, then Multiply. Four
// elements an invocation when the size allows. The bias gradient is biasReluGradBias.ts.

import * as tf from '@tensorflow/tfjs';
import { inputInfo } from '../kernelAttrs';
import { BIAS_RELU_GRAD_X } from '../ownKernelNames';
import { FlatElementwiseProgram, vectorWidth } from './flatElementwise';
import { webgpuBackendOf } from './webgpuBackend';

export class ReluMaskGradProgram extends FlatElementwiseProgram {
  constructor(shape: number[]) {
    super(['Dy', 'Y'], 'alexnetReluMaskGrad', shape, vectorWidth(tf.util.sizeFromShape(shape)));
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let zero = ${this.elementType}(0.0);
          setOutputAtIndex(index, select(zero, Dy[index], Y[index] > zero));
        }
      }
    `;
  }
}

export const biasReluGradXWebGpuConfig: tf.KernelConfig = {
  kernelName: BIAS_RELU_GRAD_X,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend }) => {
    const webgpu = webgpuBackendOf(backend, BIAS_RELU_GRAD_X);
    const dy = inputInfo(inputs, 'dy', BIAS_RELU_GRAD_X);
    const y = inputInfo(inputs, 'y', BIAS_RELU_GRAD_X);
    return webgpu.runWebGPUProgram(new ReluMaskGradProgram(dy.shape), [dy, y], 'float32');
  },
};
