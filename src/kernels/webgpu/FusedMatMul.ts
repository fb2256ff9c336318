// Dense products with the bias (and ReLU) in the matrix-product core's epilogue:
// - tfjs's `_FusedMatMul` (a dense layer with a bias: alexnet's fc3 forward in training, every dense
//   layer in prediction) for a rank-1 bias along the result's columns and a linear or ReLU
//   activation; other activations, biases and prelu weights go to the stock kernel;
// - the own `AlexnetDenseBiasRelu` (../denseBiasRelu.ts: fc1 and fc2 forward in training, where
//   tfjs fuses no ReLU), one dispatch, or BatchMatMul then BiasRelu for inputs the core cannot take.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BIAS_RELU, DENSE_BIAS_RELU } from '../ownKernelNames';
import { matMulProduct } from './core/matMulProduct';
import { runMatMulCore, type CoreOptions } from './core/runMatMulCore';
import type { SumEpilogue } from './core/sumSplitsProgram';
import { runStock, type StockKernelLookup } from './stockFallback';
import { storedAsFloat32 } from './storedDtype';

interface DenseArgs {
  a: tf.TensorInfo;
  b: tf.TensorInfo;
  bias?: tf.TensorInfo;
  transposeA: boolean;
  transposeB: boolean;
  epilogue: SumEpilogue;
}

/** The product on the core, or undefined for what it does not take (the caller's fallback). */
function runDense(
  backend: WebGPUBackend,
  args: DenseArgs,
  options: CoreOptions,
): tf.TensorInfo | undefined {
  const { a, b, bias } = args;
  const tensors = bias ? [a, b, bias] : [a, b];
  if (!storedAsFloat32(backend, ...tensors)) return undefined;
  const product = matMulProduct(a.shape, b.shape, args.transposeA, args.transposeB);
  if (!product) return undefined;
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== product.n)) return undefined;
  return runMatMulCore(
    backend,
    { ...product, inputs: { a, b, bias }, epilogue: args.epilogue },
    options,
  );
}

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

export function denseBiasReluConfig(options: CoreOptions = {}): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = ({ inputs, backend: anyBackend }) => {
    const { x, kernel, bias } = inputs;
    const backend = anyBackend as WebGPUBackend;
    if (!x || !kernel || !bias) throw new Error(`${DENSE_BIAS_RELU} needs x, kernel and bias.`);
    const dense = { a: x, b: kernel, bias, transposeA: false, transposeB: false };
    const fused = runDense(backend, { ...dense, epilogue: 'biasRelu' }, options);
    if (fused) return fused;
    const run = (name: string, kernelInputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => {
      const config = tf.getKernel(name, 'webgpu');
      if (!config) throw new Error(`${DENSE_BIAS_RELU} needs ${name} on webgpu.`);
      return config.kernelFunc({ inputs: kernelInputs, backend, attrs }) as tf.TensorInfo;
    };
    const y = run(tf.BatchMatMul, { a: x, b: kernel }, { transposeA: false, transposeB: false });
    const out = run(BIAS_RELU, { x: y, bias }, {});
    backend.disposeData(y.dataId);
    return out;
  };
  return { kernelName: DENSE_BIAS_RELU, backendName: 'webgpu', kernelFunc };
}
