// relu(x + bias) on tfjs's CPU backend in one loop: the same float32 results as Add, then Relu. Its
// two gradients are biasReluGradX.ts and biasReluGradBias.ts.

import type * as tf from '@tensorflow/tfjs';
import { BIAS_RELU } from '../ownKernelNames';
import { cpuBackendOf, readFloat32 } from './cpuBackend';

export const biasReluCpuConfig: tf.KernelConfig = {
  kernelName: BIAS_RELU,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend }) => {
    const cpu = cpuBackendOf(backend, BIAS_RELU);
    const x = readFloat32(cpu, inputs, 'x', BIAS_RELU);
    const bias = readFloat32(cpu, inputs, 'bias', BIAS_RELU).values;
    const channels = bias.length;
    const out = new Float32Array(x.values.length);
    for (let i = 0; i < out.length; i++) {
      const v = Math.fround(x.values[i]! + bias[i % channels]!);
      out[i] = v < 0 ? 0 : v;
    }
    return cpu.makeTensorInfo(x.shape, 'float32', out);
  },
};
