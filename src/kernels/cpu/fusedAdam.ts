// One Adam update on tfjs's CPU backend in one pass over w, m, v and g, rounding to float32 after
// every operation as tfjs's CPU kernels do one op at a time: the results equal tf.train.adam's
// (without weight decay, where w * keepWeight is w).

import type * as tf from '@tensorflow/tfjs';
import { adamStepConstants } from '../adamStep';
import { FUSED_ADAM } from '../ownKernelNames';
import { cpuBackendOf, readFloat32 } from './cpuBackend';

export const fusedAdamCpuConfig: tf.KernelConfig = {
  kernelName: FUSED_ADAM,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cpu = cpuBackendOf(backend, FUSED_ADAM);
    const read = (name: string) => readFloat32(cpu, inputs, name, FUSED_ADAM).values;
    const { shape } = readFloat32(cpu, inputs, 'w', FUSED_ADAM);
    const [w, m, v, g] = [read('w'), read('m'), read('v'), read('g')];
    const n = w.length;
    if (m.length !== n || v.length !== n || g.length !== n) {
      throw new Error(`${FUSED_ADAM}: w, m, v and g must have the same size.`);
    }
    const k = adamStepConstants(attrs);
    const f = Math.fround;
    const wOut = new Float32Array(n);
    const mOut = new Float32Array(n);
    const vOut = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const grad = g[i]!;
      const newM = f(f(m[i]! * k.beta1) + f(grad * k.oneMinusBeta1));
      const newV = f(f(v[i]! * k.beta2) + f(f(grad * grad) * k.oneMinusBeta2));
      const mHat = f(newM / k.oneMinusAccBeta1);
      const vHat = f(newV / k.oneMinusAccBeta2);
      const step = f(mHat / f(f(Math.sqrt(vHat)) + k.epsilon));
      wOut[i] = f(step * k.negLearningRate) + f(w[i]! * k.keepWeight);
      mOut[i] = newM;
      vOut[i] = newV;
    }
    return [
      cpu.makeTensorInfo(shape, 'float32', wOut),
      cpu.makeTensorInfo(shape, 'float32', mOut),
      cpu.makeTensorInfo(shape, 'float32', vOut),
    ];
  },
};
