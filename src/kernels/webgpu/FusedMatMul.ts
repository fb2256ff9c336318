// tfjs's `_FusedMatMul` (a dense layer with a bias: alexnet's fc3 forward in training, every dense
// layer in prediction) on the matrix-product core, the bias and ReLU in its epilogue
// (denseOnCore.ts), for a rank-1 bias along the result's columns and a linear or ReLU activation;
// other activations, biases and prelu weights go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { CoreOptions } from './core/runMatMulCore';
import type { SumEpilogue } from './core/sumSplitsProgram';
import { runDense } from './denseOnCore';
import { runStock, type StockKernelLookup } from './stockFallback';

export function fusedMatMulConfig(
  stock: StockKernelLookup,
  options: CoreOptions = {},
): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs;
    const attrs = args.attrs as unknown as tf._FusedMatMulAttrs;
    const backend = args.backend as WebGPUBackend;
    const activation = attrs.activation;
    const takes =
      a && b && !preluActivationWeights && (activation === 'linear' || activation === 'relu');
    const epilogue: SumEpilogue =
      activation === 'relu' ? (bias ? 'biasRelu' : 'store') : bias ? 'bias' : 'store';
    // A ReLU without a bias is left to stock (no such layer here; the epilogue has no plain ReLU).
    const result =
      takes && !(activation === 'relu' && !bias)
        ? runDense(
            backend,
            { a, b, bias, transposeA: attrs.transposeA, transposeB: attrs.transposeB, epilogue },
            options,
          )
        : undefined;
    return result ?? runStock(stock, tf._FusedMatMul, args);
  };
  return { kernelName: tf._FusedMatMul, backendName: 'webgpu', kernelFunc };
}
