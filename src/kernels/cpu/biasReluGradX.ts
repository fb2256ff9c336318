// BiasRelu's input gradient on tfjs's CPU backend: dx = dy * (y > 0), from dy and the forward
// output y (y > 0 exactly where x + bias > 0); the same results as Step, then Multiply. The bias
// gradient is biasReluGradBias.ts.

import type * as tf from '@tensorflow/tfjs';
import { BIAS_RELU_GRAD_X } from '../ownKernelNames';
import { cpuBackendOf, readFloat32 } from './cpuBackend';

export const biasReluGradXCpuConfig: tf.KernelConfig = {
  kernelName: BIAS_RELU_GRAD_X,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend }) => {
    const cpu = cpuBackendOf(backend, BIAS_RELU_GRAD_X);
    const dy = readFloat32(cpu, inputs, 'dy', BIAS_RELU_GRAD_X);
    const y = readFloat32(cpu, inputs, 'y', BIAS_RELU_GRAD_X).values;
    const dx = new Float32Array(dy.values.length);
    for (let i = 0; i < dx.length; i++) if (y[i]! > 0) dx[i] = dy.values[i]!;
    return cpu.makeTensorInfo(dy.shape, 'float32', dx);
  },
};
