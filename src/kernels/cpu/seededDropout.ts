// The seeded dropout kernel on tfjs's CPU backend: the same Philox words and integer threshold as
// the WGSL kernel, so a seed gives the CPU and the GPU the same mask, bit for bit.

import type * as tf from '@tensorflow/tfjs';
import { inputInfo, numberAttr } from '../kernelAttrs';
import { SEEDED_DROPOUT } from '../ownKernelNames';
import { dropoutWord } from '../philox';
import { dropoutParams } from '../seededDropout';
import { cpuBackendOf, readFloat32 } from './cpuBackend';

export const seededDropoutCpuConfig: tf.KernelConfig = {
  kernelName: SEEDED_DROPOUT,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cpu = cpuBackendOf(backend, SEEDED_DROPOUT);
    inputInfo(inputs, 'x', SEEDED_DROPOUT);
    const { values, shape } = readFloat32(cpu, inputs, 'x', SEEDED_DROPOUT);
    const seed = numberAttr(attrs, 'seed', SEEDED_DROPOUT) >>> 0;
    const { threshold, scale } = dropoutParams(numberAttr(attrs, 'rate', SEEDED_DROPOUT));
    const out = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      if (dropoutWord(i, seed) >= threshold) out[i] = values[i]! * scale;
    }
    return cpu.makeTensorInfo(shape, 'float32', out);
  },
};
