// The own `AlexnetDenseBiasRelu` (../denseBiasRelu.ts: fc1 and fc2 forward in training, where tfjs
// fuses no ReLU) on the matrix-product core in one dispatch, bias and ReLU in its epilogue
// (denseOnCore.ts); BatchMatMul then BiasRelu for inputs the core cannot take.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BIAS_RELU, DENSE_BIAS_RELU } from '../ownKernelNames';
import type { CoreOptions } from './core/runMatMulCore';
import { runDense } from './denseOnCore';
import { runRegistered } from './stockFallback';

export function denseBiasReluConfig(options: CoreOptions = {}): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = ({ inputs, backend: anyBackend }) => {
    const { x, kernel, bias } = inputs;
    const backend = anyBackend as WebGPUBackend;
    if (!x || !kernel || !bias) throw new Error(`${DENSE_BIAS_RELU} needs x, kernel and bias.`);
    const dense = { a: x, b: kernel, bias, transposeA: false, transposeB: false };
    const fused = runDense(backend, { ...dense, epilogue: 'biasRelu' }, options);
    if (fused) return fused;
    const y = runRegistered(
      DENSE_BIAS_RELU,
      tf.BatchMatMul,
      backend,
      { a: x, b: kernel },
      { transposeA: false, transposeB: false },
    );
    const out = runRegistered(DENSE_BIAS_RELU, BIAS_RELU, backend, { x: y, bias });
    backend.disposeData(y.dataId);
    return out;
  };
  return { kernelName: DENSE_BIAS_RELU, backendName: 'webgpu', kernelFunc };
}
