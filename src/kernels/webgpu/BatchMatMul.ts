// BatchMatMul for the webgpu backend on the matrix-product core, in every transpose a training step
// uses: a dense layer's forward x W, input gradient dy W^T and weight gradient x^T dy (reduction =
// the batch, split where the [inputs x units] result alone would not fill the adapter). A batch
// broadcast other than one side's being 1, and non-float32 buffers, go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { matMulProduct } from './core/matMulProduct';
import { runMatMulCore, type CoreOptions } from './core/runMatMulCore';
import { runStock, type StockKernelLookup } from './stockFallback';
import { storedAsFloat32 } from './storedDtype';

export function batchMatMulConfig(
  stock: StockKernelLookup,
  options: CoreOptions = {},
): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { a, b } = args.inputs;
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    const backend = args.backend as WebGPUBackend;
    const product =
      a && b && storedAsFloat32(backend, a, b)
        ? matMulProduct(a.shape, b.shape, transposeA, transposeB)
        : undefined;
    if (!a || !b || !product) return runStock(stock, tf.BatchMatMul, args);
    const result = runMatMulCore(
      backend,
      { ...product, inputs: { a, b }, epilogue: 'store' },
      options,
    );
    return result ?? runStock(stock, tf.BatchMatMul, args);
  };
  return { kernelName: tf.BatchMatMul, backendName: 'webgpu', kernelFunc };
}
