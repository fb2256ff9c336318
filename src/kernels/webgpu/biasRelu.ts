// relu(x + bias) on WebGPU in one elementwise pass (tfjs runs Add, then Relu, under a gradient
// tape). Four channels per invocation when the channel count allows (every conv and dense layer of
// both models), as tfjs's own elementwise programs do.

import type * as tf from '@tensorflow/tfjs';
import { inputInfo } from '../kernelAttrs';
import { BIAS_RELU } from '../ownKernelNames';
import { FlatElementwiseProgram, vectorWidth } from './flatElementwise';
import { webgpuBackendOf } from './webgpuBackend';

export class BiasReluProgram extends FlatElementwiseProgram {
  uniforms = 'biasVectors : i32,';

  constructor(shape: number[], channels: number) {
    super(['X', 'Bias'], 'alexnetBiasRelu', shape, vectorWidth(channels));
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let zero = ${this.elementType}(0.0);
          let v = X[index] + Bias[index % uniforms.biasVectors];
          setOutputAtIndex(index, select(v, zero, v < zero));
        }
      }
    `;
  }
}

export const biasReluWebGpuConfig: tf.KernelConfig = {
  kernelName: BIAS_RELU,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend }) => {
    const webgpu = webgpuBackendOf(backend, BIAS_RELU);
    const x = inputInfo(inputs, 'x', BIAS_RELU);
    const bias = inputInfo(inputs, 'bias', BIAS_RELU);
    const channels = bias.shape[0] ?? 1;
    const program = new BiasReluProgram(x.shape, channels);
    return webgpu.runWebGPUProgram(program, [x, bias], 'float32', [
      { type: 'int32', data: [channels / vectorWidth(channels)] },
    ]);
  },
};
