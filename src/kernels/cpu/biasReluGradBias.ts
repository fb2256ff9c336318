// BiasRelu's bias gradient on tfjs's CPU backend: dBias = sum of dy * (y > 0) over all axes but the
// last, from dy and the forward output y, summed in double and rounded once (tfjs would run Step,
// Multiply, then Sum). Independent of the input gradient (biasReluGradX.ts): both read dy and y.

import type * as tf from '@tensorflow/tfjs';
import { BIAS_RELU_GRAD_BIAS } from '../ownKernelNames';
import { cpuBackendOf, readFloat32 } from './cpuBackend';

export const biasReluGradBiasCpuConfig: tf.KernelConfig = {
  kernelName: BIAS_RELU_GRAD_BIAS,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend }) => {
    const cpu = cpuBackendOf(backend, BIAS_RELU_GRAD_BIAS);
    const dy = readFloat32(cpu, inputs, 'dy', BIAS_RELU_GRAD_BIAS);
    const y = readFloat32(cpu, inputs, 'y', BIAS_RELU_GRAD_BIAS).values;
    const channels = dy.shape.at(-1) ?? 1;
    const sums = new Float64Array(channels);
    for (let i = 0; i < y.length; i++) if (y[i]! > 0) sums[i % channels]! += dy.values[i]!;
    return cpu.makeTensorInfo([channels], 'float32', Float32Array.from(sums));
  },
};
