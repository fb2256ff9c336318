// Bias + ReLU and its two gradients on tfjs's CPU backend: plain loops, the same float32 results as
// Add + Relu, and Step + Multiply + Sum backward (the bias sums in double, rounded once).

import type * as tf from '@tensorflow/tfjs';
import { BIAS_RELU, BIAS_RELU_GRAD_BIAS, BIAS_RELU_GRAD_X } from '../ownKernelNames';
import { cpuBackendOf, readFloat32 } from './cpuBackend';

const config = (kernelName: string, kernelFunc: tf.KernelFunc): tf.KernelConfig => ({
  kernelName,
  backendName: 'cpu',
  kernelFunc,
});

export const biasReluCpuConfigs: tf.KernelConfig[] = [
  config(BIAS_RELU, ({ inputs, backend }) => {
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
  }),
  config(BIAS_RELU_GRAD_X, ({ inputs, backend }) => {
    const cpu = cpuBackendOf(backend, BIAS_RELU_GRAD_X);
    const dy = readFloat32(cpu, inputs, 'dy', BIAS_RELU_GRAD_X);
    const y = readFloat32(cpu, inputs, 'y', BIAS_RELU_GRAD_X).values;
    const dx = new Float32Array(dy.values.length);
    for (let i = 0; i < dx.length; i++) if (y[i]! > 0) dx[i] = dy.values[i]!;
    return cpu.makeTensorInfo(dy.shape, 'float32', dx);
  }),
  config(BIAS_RELU_GRAD_BIAS, ({ inputs, backend }) => {
    const cpu = cpuBackendOf(backend, BIAS_RELU_GRAD_BIAS);
    const dy = readFloat32(cpu, inputs, 'dy', BIAS_RELU_GRAD_BIAS);
    const y = readFloat32(cpu, inputs, 'y', BIAS_RELU_GRAD_BIAS).values;
    const channels = dy.shape.at(-1) ?? 1;
    const sums = new Float64Array(channels);
    for (let i = 0; i < y.length; i++) if (y[i]! > 0) sums[i % channels]! += dy.values[i]!;
    return cpu.makeTensorInfo([channels], 'float32', Float32Array.from(sums));
  }),
];
