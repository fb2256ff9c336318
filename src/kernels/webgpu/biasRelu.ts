// relu(x + bias) on WebGPU in one elementwise pass (tfjs runs Add, then Relu, under a gradient
// tape). Four channels per invocation when the channel count allows (every conv and dense layer of
// both models), as tfjs's own elementwise programs do.

import type * as tf from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { inputInfo } from '../kernelAttrs';
import { BIAS_RELU } from '../ownKernelNames';
import { flatGeometry, floatType, vectorWidth } from './flatElementwise';
import { webgpuBackendOf } from './webgpuBackend';

export class BiasReluProgram implements WebGPUProgram {
  variableNames = ['X', 'Bias'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size = true;
  outputComponent: number;
  variableComponents: number[];
  uniforms = 'biasVectors : i32,';

  constructor(shape: number[], channels: number) {
    const width = vectorWidth(channels);
    this.outputShape = shape;
    this.outputComponent = width;
    this.variableComponents = [width, width];
    this.shaderKey = `alexnetBiasRelu_${width}`;
    ({
      dispatchLayout: this.dispatchLayout,
      dispatch: this.dispatch,
      workgroupSize: this.workgroupSize,
    } = flatGeometry(shape, width));
  }

  getUserCode(): string {
    const type = floatType(this.outputComponent === 4 ? 4 : 1);
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let zero = ${type}(0.0);
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
