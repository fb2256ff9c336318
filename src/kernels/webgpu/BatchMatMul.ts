// BatchMatMul for the webgpu backend, own only in its weight-gradient form: a^T b with a [k, m] and
// b [k, n] and a short reduction k, which is how tfjs's gradient computes a dense layer's dW = x^T dy
// (k = the batch). That is a 1x1 convolution's filter gradient over k "pixels", so it runs the
// split-K programs of runFilterGradient.ts, viewing a as [k, 1, 1, m] and b as [k, 1, 1, n] (the
// same buffers, no copy); for k <= 16, ShortReductionProgram, which needs no workgroup memory.
//
// tfjs 4.22's MatMulPackedProgram stages 32-deep reduction tiles through workgroup memory with two
// barriers per tile: for k = 2 it pads the reduction to 32 and runs 26 M such tiles for alexnet's
// fc1 (on a software adapter, 114 s at batch 2). Every other product (and reductions over 1,024
// long, none of them in AlexNet's training) goes to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runFilterGradient, type SplitKOptions } from './runFilterGradient';
import {
  SHORT_REDUCTION,
  SHORT_REDUCTION_BLOCK,
  ShortReductionProgram,
} from './shortReductionProgram';
import { runStock, type StockKernelLookup } from './stockFallback';
import { storedAsFloat32 } from './storedDtype';

/** Longest reduction (k) taken over from the stock kernel. */
export const MAX_WEIGHT_GRADIENT_REDUCTION = 1024;

/** [k, m, n] when a^T b is the weight-gradient form this kernel takes, else undefined. */
export function weightGradientDims(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): [number, number, number] | undefined {
  if (!transposeA || transposeB) return undefined;
  const batchOf = (s: readonly number[]) => s.slice(0, -2).reduce((p, d) => p * d, 1);
  if (aShape.length < 2 || bShape.length < 2 || batchOf(aShape) !== 1 || batchOf(bShape) !== 1) {
    return undefined;
  }
  const [k = 0, m = 0] = aShape.slice(-2);
  const [kb = 0, n = 0] = bShape.slice(-2);
  if (k !== kb || k < 1 || k > MAX_WEIGHT_GRADIENT_REDUCTION || m < 1 || n < 1) return undefined;
  return [k, m, n];
}

export function batchMatMulConfig(
  stock: StockKernelLookup,
  options: SplitKOptions = {},
): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { a, b } = args.inputs;
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    const dims =
      a && b && storedAsFloat32(args.backend as WebGPUBackend, a, b)
        ? weightGradientDims(a.shape, b.shape, transposeA, transposeB)
        : undefined;
    if (!a || !b || !dims) return runStock(stock, tf.BatchMatMul, args);
    const [k, m, n] = dims;
    const info = {
      batchSize: k,
      outHeight: 1,
      outWidth: 1,
      inChannels: m,
      outChannels: n,
      filterHeight: 1,
      filterWidth: 1,
      strideHeight: 1,
      strideWidth: 1,
      padInfo: { top: 0, left: 0 },
    };
    // As the stock kernel shapes it: the (all 1) batch dimensions broadcast, then [m, n].
    const outer = (a.shape.length >= b.shape.length ? a : b).shape.slice(0, -2);
    const outputShape = [...outer, m, n];
    const backend = args.backend as WebGPUBackend;
    if (k <= SHORT_REDUCTION) {
      const program = new ShortReductionProgram(outputShape, m, n);
      const uniforms = [k, m, n, Math.ceil(n / SHORT_REDUCTION_BLOCK)].map((v) => ({
        type: 'int32',
        data: [v],
      }));
      return backend.runWebGPUProgram(program, [a, b], 'float32', uniforms);
    }
    const x = { dataId: a.dataId, shape: [k, 1, 1, m], dtype: a.dtype };
    const dy = { dataId: b.dataId, shape: [k, 1, 1, n], dtype: b.dtype };
    return (
      runFilterGradient(backend, x, dy, info, outputShape, options) ??
      runStock(stock, tf.BatchMatMul, args)
    );
  };
  return { kernelName: tf.BatchMatMul, backendName: 'webgpu', kernelFunc };
}
